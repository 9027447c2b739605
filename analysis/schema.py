"""The canonical tables every upload is mapped onto, and the fields each one holds.

Everything downstream refers to tables and fields through the constants here, never
through the column names of a particular export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "amount", "number", "date", "status", "bool", "period"]

# Table names.
DEALS = "deals"
ACTIVITIES = "activities"
LEADS = "leads"
TARGETS = "targets"
CUSTOMER_FEEDBACK = "customer_feedback"
EMPLOYEE_SURVEY = "employee_survey"
MARKET = "market"
STAGE_HISTORY = "stage_history"
REPS = "reps"
IGNORE = "ignore"

# Field names (shared between tables where they mean the same thing).
REP = "rep"
REP_ID = "rep_id"
TEAM = "team"
REGION = "region"
AMOUNT = "amount"
STAGE = "stage"
STATUS = "status"
IS_WON = "is_won"
IS_CLOSED = "is_closed"
PROBABILITY = "probability"
CLOSE_DATE = "close_date"
LOST_DATE = "lost_date"
CREATED_DATE = "created_date"
DEAL_ID = "deal_id"
DEAL_NAME = "deal_name"
ACCOUNT = "account"
SOURCE = "source"
PRODUCT = "product"
CURRENCY = "currency"
DATE = "date"
TYPE = "type"
OUTCOME = "outcome"
DURATION = "duration"
ACTIVITY_ID = "activity_id"
LEAD_ID = "lead_id"
CREATED_AT = "created_at"
FIRST_RESPONSE_AT = "first_response_at"
CONVERTED = "converted"
CONVERTED_AT = "converted_at"
PERIOD = "period"
TARGET = "target"
METRIC = "metric"
SCORE = "score"
SCALE = "scale"
RESPONDENT_ID = "respondent_id"
MARKET_REVENUE = "market_revenue"
SEGMENT = "segment"
START_DATE = "start_date"
CHANGED_AT = "changed_at"

# Set on deals when no stage or status said won/lost (order data: every row counts as won).
OUTCOME_GUESSED = "outcome_guessed"

# Columns added by ingestion to every canonical table.
SOURCE_FILE = "_file"
SOURCE_SHEET = "_sheet"
SOURCE_ROW = "_row"


@dataclass(frozen=True)
class Field:
    """One canonical field: its name, how its values are read and what users call it."""

    name: str
    kind: Kind
    label: str


@dataclass(frozen=True)
class Table:
    """One canonical table: its fields, which are required, and how users call it."""

    name: str
    label: str
    description: str
    fields: tuple[Field, ...]
    required: tuple[str, ...]
    # Groups of which at least one field must be mapped (e.g. a rep *or* a team).
    one_of: tuple[tuple[str, ...], ...] = ()
    # Fields the table works without, but with a warning (e.g. deals without a rep).
    expected: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        """Return the field called `name`."""
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> tuple[str, ...]:
        """Return the names of all fields of this table."""
        return tuple(f.name for f in self.fields)


def _f(name: str, kind: Kind, label: str) -> Field:
    return Field(name, kind, label)


_REP = _f(REP, "text", "Sales rep")
_TEAM = _f(TEAM, "text", "Team")
_REGION = _f(REGION, "text", "Region")

TABLES: dict[str, Table] = {
    DEALS: Table(
        DEALS,
        "Deals",
        "Opportunities with owner, amount, stage and close date.",
        (
            _REP,
            _f(AMOUNT, "amount", "Amount"),
            _f(STAGE, "status", "Stage"),
            _f(STATUS, "status", "Status (won / lost / open)"),
            _f(IS_WON, "bool", "Won (yes/no)"),
            _f(IS_CLOSED, "bool", "Closed (yes/no)"),
            _f(PROBABILITY, "number", "Probability (%)"),
            _f(CLOSE_DATE, "date", "Close date"),
            _f(LOST_DATE, "date", "Lost date (when won and lost dates are apart)"),
            _f(CREATED_DATE, "date", "Created date"),
            _f(DEAL_ID, "text", "Deal ID"),
            _f(DEAL_NAME, "text", "Deal name"),
            _TEAM,
            _REGION,
            _f(ACCOUNT, "text", "Account"),
            _f(SOURCE, "text", "Lead source"),
            _f(PRODUCT, "text", "Product"),
            _f(CURRENCY, "text", "Currency"),
        ),
        required=(AMOUNT, CLOSE_DATE),
        expected=(REP,),
    ),
    ACTIVITIES: Table(
        ACTIVITIES,
        "Activities",
        "Calls, meetings, e-mails and demos per rep.",
        (
            _REP,
            _f(DATE, "date", "Date"),
            _f(TYPE, "text", "Activity type"),
            _f(DEAL_ID, "text", "Deal ID"),
            _f(OUTCOME, "text", "Outcome"),
            _f(DURATION, "number", "Duration"),
            _f(ACTIVITY_ID, "text", "Activity ID"),
            _TEAM,
        ),
        required=(REP, DATE),
        expected=(TYPE,),
    ),
    LEADS: Table(
        LEADS,
        "Leads",
        "Inquiries: when they came in, who took them, when they got a first answer.",
        (
            _f(CREATED_AT, "date", "Created"),
            _REP,
            _f(SOURCE, "text", "Lead source"),
            _f(FIRST_RESPONSE_AT, "date", "First response"),
            _f(CONVERTED, "bool", "Converted (yes/no)"),
            _f(CONVERTED_AT, "date", "Converted on"),
            _f(LEAD_ID, "text", "Lead ID"),
            _TEAM,
        ),
        required=(CREATED_AT,),
    ),
    TARGETS: Table(
        TARGETS,
        "Targets",
        "Revenue targets per rep or team and period.",
        (
            _REP,
            _TEAM,
            _f(PERIOD, "period", "Period"),
            _f(TARGET, "amount", "Target"),
            _f(METRIC, "text", "Metric"),
        ),
        required=(PERIOD, TARGET),
    ),
    CUSTOMER_FEEDBACK: Table(
        CUSTOMER_FEEDBACK,
        "Customer feedback",
        "Satisfaction (CSAT) or NPS scores from customers.",
        (
            _f(DATE, "date", "Date"),
            _f(SCORE, "number", "Score"),
            _REP,
            _f(ACCOUNT, "text", "Account"),
            _f(SCALE, "text", "Scale"),
        ),
        required=(DATE, SCORE),
    ),
    EMPLOYEE_SURVEY: Table(
        EMPLOYEE_SURVEY,
        "Employee survey",
        "eNPS answers: how likely staff are to recommend working here.",
        (
            _f(DATE, "date", "Survey date"),
            _f(SCORE, "number", "Score"),
            _TEAM,
            _f(RESPONDENT_ID, "text", "Respondent"),
        ),
        required=(DATE, SCORE),
    ),
    MARKET: Table(
        MARKET,
        "Market",
        "Total market revenue per period, for market share.",
        (
            _f(PERIOD, "period", "Period"),
            _f(MARKET_REVENUE, "amount", "Market revenue"),
            _f(SEGMENT, "text", "Segment"),
        ),
        required=(PERIOD, MARKET_REVENUE),
    ),
    STAGE_HISTORY: Table(
        STAGE_HISTORY,
        "Stage history",
        "One row per stage change of a deal (e.g. Salesforce OpportunityHistory), for the real path.",
        (
            _f(DEAL_ID, "text", "Deal ID"),
            _f(STAGE, "text", "Stage"),
            _f(CHANGED_AT, "date", "Changed on"),
            _f(AMOUNT, "amount", "Amount"),
            _f(CLOSE_DATE, "date", "Close date"),
            _REP,
        ),
        required=(DEAL_ID, STAGE, CHANGED_AT),
    ),
    REPS: Table(
        REPS,
        "Sales reps",
        "A list of reps with their team (and ids), joined onto the other tables.",
        (
            _REP,
            _f(REP_ID, "text", "Rep ID"),
            _TEAM,
            _REGION,
            _f(START_DATE, "date", "Start date"),
        ),
        required=(),
        one_of=((REP, REP_ID),),
    ),
}

TABLE_CHOICES: tuple[str, ...] = (*TABLES, IGNORE)


def table_label(name: str) -> str:
    """Return the plain-English label of a table name (or of 'ignore')."""
    return TABLES[name].label if name in TABLES else "Not used"
