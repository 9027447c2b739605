# fmt: off
"""Spanish, Portuguese, French, German and Italian headers of order and CRM exports.

`analysis.read.synonyms` appends them after the English and Dutch entries, so those keep
winning ties.
"""

from __future__ import annotations

from analysis.model import schema as S

MORE_LANGUAGES: dict[tuple[str, str], list[str]] = {
    (S.DEALS, S.CLOSE_DATE): [
        "fecha pedido", "fecha de pedido", "fecha venta", "fecha de venta", "fecha cierre",
        "fecha de cierre", "data pedido", "data do pedido", "data venda", "data de fechamento",
        "date commande", "date de commande", "date de vente", "date de clôture", "date cloture",
        "bestelldatum", "auftragsdatum", "abschlussdatum", "verkaufsdatum", "data ordine",
        "data chiusura",
    ],
    (S.DEALS, S.CREATED_DATE): [
        "fecha creacion", "fecha de creación", "fecha de creacion", "data de criação",
        "data criacao", "date de création", "date creation", "erstellt am", "erstelldatum",
        "data creazione",
    ],
    (S.DEALS, S.DEAL_ID): [
        "id pedido", "numero pedido", "número de pedido", "numero de pedido", "num pedido",
        "id venta", "numero venta", "id commande", "numéro de commande", "numero commande",
        "n commande", "bestellnummer", "auftragsnummer", "numero ordine", "id oportunidad",
        "id oportunidade", "id opportunité",
    ],
    (S.DEALS, S.AMOUNT): [
        "monto venta", "monto", "importe", "importe total", "total venta", "valor venta",
        "valor total", "valor", "montant", "montant total", "chiffre d affaires", "betrag",
        "umsatz", "auftragswert", "importo", "valore",
    ],
    (S.DEALS, S.STAGE): ["etapa", "fase venta", "étape", "phase", "verkaufsphase"],
    ("*", S.REP): [
        "vendedor", "id vendedor", "empleado", "id empleado", "nombre empleado", "comercial",
        "vendeur", "commercial", "id commercial", "verkäufer", "mitarbeiter", "venditore",
        "funcionario", "id funcionario", "responsable", "responsável",
    ],
    ("*", S.ACCOUNT): [
        "cliente", "id cliente", "nombre cliente", "client", "id client", "nom client",
        "kunde", "kundennummer", "empresa", "société",
    ],
    ("*", S.TEAM): ["equipo", "equipe", "équipe", "abteilung", "squadra"],
    ("*", S.REGION): ["región", "regiao", "região", "gebiet", "regione"],
    ("*", S.SOURCE): ["origen", "origem", "fuente", "quelle", "canal"],
    (S.REPS, S.REP): ["nombre empleado", "nombre", "nom", "nome", "nom complet"],
    (S.REPS, S.REP_ID): [
        "codigo empleado", "código empleado", "id empleado", "id vendedor", "personalnummer",
        "matricule", "id funcionario",
    ],
}
