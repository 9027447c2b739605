# fmt: off
"""Words in a sheet's name that hint at its table, and words that rule out a list of reps.
"""

from __future__ import annotations

from analysis.model import schema as S

SHEET_HINTS: dict[str, tuple[str, ...]] = {
    S.DEALS: ("deal", "opportunit", "kans", "pipeline", "order", "sales", "verkoop", "omzet",
              "pedido", "venta", "vendas", "commande", "vente", "auftr", "bestell", "ordine",
              "oportunidad"),
    S.ACTIVITIES: ("activit", "task", "call", "meeting", "taken", "gesprek", "afspra", "event"),
    S.LEADS: ("lead", "inquir", "aanvra", "prospect"),
    S.TARGETS: ("target", "quota", "doel", "goal", "budget"),
    S.CUSTOMER_FEEDBACK: ("feedback", "nps", "csat", "satisf", "tevreden", "klant", "review"),
    S.EMPLOYEE_SURVEY: (
        "enps",
        "e nps",  # "eNPS" once CamelCase is split
        "employee",
        "medewerker",
        "personeel",
        "staff",
        "pulse",
        "mitarbeiter",
        "collaborateur",
        "werknemer",
        "betrokkenheid",
        "werkbeleving",
        "people survey",
    ),
    S.MARKET: ("market", "markt"),
    S.STAGE_HISTORY: ("histor", "stage change", "fase wijzig", "stage log", "fasehistor"),
    S.REPS: ("rep", "user", "owner", "people", "team", "agent", "verkoper", "person", "eigena",
             "employ", "staff", "medewerker", "personeel", "mitarbeiter", "seller", "salesperson",
             "empleado", "vendedor", "funcionario", "commerciau", "vendeur"),
}

# Sheets about customers or products are never a list of reps, whatever their columns say.
NOT_PEOPLE_HINTS: tuple[str, ...] = (
    "account",
    "customer",
    "client",
    "klant",
    "contact",
    "compan",
    "bedrijf",
    "product",
    "order",
    "lead",
    "deal",
    "opportunit",
)
