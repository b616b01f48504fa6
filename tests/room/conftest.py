# The room builds on rounds: the rounds' fixtures (rooms, topics, a planned round) serve here too.
from tests.meetings.conftest import planned_round, rooms, topics  # noqa: F401
