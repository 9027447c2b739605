"""The canonical tables every upload is mapped onto, and the fields each one holds.

Everything downstream refers to tables and fields through the constants here, never
through the column names of a particular export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analysis.words.catalogue import t

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
ALL_TEAMS = "All teams"  # the whole company where a team is expected (pickers, team tables)

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
# a target metric that is revenue (others, such as deal counts, are not compared with revenue)
REVENUE_METRIC = r"rev|omzet|sales|verkoop|booking|quota|bedrag|amount|€|eur|arr|acv"
SCORE = "score"
SCALE = "scale"
RESPONDENT_ID = "respondent_id"
MARKET_REVENUE = "market_revenue"
SEGMENT = "segment"
START_DATE = "start_date"
CHANGED_AT = "changed_at"
SNAPSHOT_DATE = "snapshot_date"  # the day an export (or one week of a snapshot history) was taken

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


def _f(name: str, kind: Kind) -> Field:
    """The field `name`, labelled as the catalogue's English `upload.field.<name>` says."""
    return Field(name, kind, t(f"upload.field.{name}"))


_REP = _f(REP, "text")
_TEAM = _f(TEAM, "text")
_REGION = _f(REGION, "text")

TABLES: dict[str, Table] = {
    DEALS: Table(
        DEALS,
        "Deals",
        t("upload.about.deals"),
        (
            _REP,
            _f(AMOUNT, "amount"),
            _f(STAGE, "status"),
            _f(STATUS, "status"),
            _f(IS_WON, "bool"),
            _f(IS_CLOSED, "bool"),
            _f(PROBABILITY, "number"),
            _f(CLOSE_DATE, "date"),
            _f(LOST_DATE, "date"),
            _f(CREATED_DATE, "date"),
            _f(DEAL_ID, "text"),
            _f(DEAL_NAME, "text"),
            _f(LEAD_ID, "text"),
            _TEAM,
            _REGION,
            _f(ACCOUNT, "text"),
            _f(SOURCE, "text"),
            _f(PRODUCT, "text"),
            _f(CURRENCY, "text"),
            _f(SNAPSHOT_DATE, "date"),
        ),
        required=(AMOUNT, CLOSE_DATE),
        expected=(REP,),
    ),
    ACTIVITIES: Table(
        ACTIVITIES,
        "Activities",
        t("upload.about.activities"),
        (
            _REP,
            _f(DATE, "date"),
            _f(TYPE, "text"),
            _f(DEAL_ID, "text"),
            _f(OUTCOME, "text"),
            _f(DURATION, "number"),
            _f(ACTIVITY_ID, "text"),
            _TEAM,
        ),
        required=(REP, DATE),
        expected=(TYPE,),
    ),
    LEADS: Table(
        LEADS,
        "Leads",
        t("upload.about.leads"),
        (
            _f(CREATED_AT, "date"),
            _REP,
            _f(SOURCE, "text"),
            _f(FIRST_RESPONSE_AT, "date"),
            _f(CONVERTED, "bool"),
            _f(CONVERTED_AT, "date"),
            _f(LEAD_ID, "text"),
            _TEAM,
        ),
        required=(CREATED_AT,),
    ),
    TARGETS: Table(
        TARGETS,
        "Targets",
        t("upload.about.targets"),
        (
            _REP,
            _TEAM,
            _f(PERIOD, "period"),
            _f(TARGET, "amount"),
            _f(METRIC, "text"),
        ),
        required=(PERIOD, TARGET),
    ),
    CUSTOMER_FEEDBACK: Table(
        CUSTOMER_FEEDBACK,
        "Customer feedback",
        t("upload.about.customer_feedback"),
        (
            _f(DATE, "date"),
            _f(SCORE, "number"),
            _REP,
            _f(ACCOUNT, "text"),
            _f(SCALE, "text"),
        ),
        required=(DATE, SCORE),
    ),
    EMPLOYEE_SURVEY: Table(
        EMPLOYEE_SURVEY,
        "Employee survey",
        t("upload.about.employee_survey"),
        (
            Field(DATE, "date", t("upload.field.employee_survey.date")),
            _f(SCORE, "number"),
            _TEAM,
            _f(RESPONDENT_ID, "text"),
        ),
        required=(DATE, SCORE),
    ),
    MARKET: Table(
        MARKET,
        "Market",
        t("upload.about.market"),
        (
            _f(PERIOD, "period"),
            _f(MARKET_REVENUE, "amount"),
            _f(SEGMENT, "text"),
        ),
        required=(PERIOD, MARKET_REVENUE),
    ),
    STAGE_HISTORY: Table(
        STAGE_HISTORY,
        "Stage history",
        t("upload.about.stage_history"),
        (
            _f(DEAL_ID, "text"),
            _f(STAGE, "text"),
            _f(CHANGED_AT, "date"),
            _f(AMOUNT, "amount"),
            _f(CLOSE_DATE, "date"),
            _REP,
        ),
        required=(DEAL_ID, STAGE, CHANGED_AT),
    ),
    REPS: Table(
        REPS,
        "Sales reps",
        t("upload.about.reps"),
        (
            _REP,
            _f(REP_ID, "text"),
            _TEAM,
            _REGION,
            _f(START_DATE, "date"),
        ),
        required=(),
        one_of=((REP, REP_ID),),
    ),
}

TABLE_CHOICES: tuple[str, ...] = (*TABLES, IGNORE)


def table_label(name: str) -> str:
    """Return the plain-English label of a table name (or of 'ignore')."""
    return TABLES[name].label if name in TABLES else "Not used"
