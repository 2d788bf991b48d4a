"""Getting 8-Ks from EDGAR: politely, resumably, and straight into ``extract``.

The only part of eightk that touches the network; ``parse``, ``check`` and
``extract`` never import it. ``edgar`` holds EDGAR's paths and index formats,
``http`` the client (pacing, retries, whole-or-nothing downloads), ``cache`` the
dated index copies, ``plan`` what to fetch, ``runner`` the fetching itself.

    from eightk.fetch import Hosts, Http, IndexCache, Planner, Settings, run

    with Http(Settings(user_agent="Jane Doe jane@example.com")) as http:
        cache = IndexCache(Path("filings/.eightk-cache"), http, Hosts())
        planner = Planner(Path("filings"), cache)
        summary = run(http, planner.company(320193, {"8-K"}, None, None))
"""

from .cache import IndexCache
from .edgar import Hosts
from .http import Cancelled, FetchError, Http, Settings
from .plan import PlanError, Planner, Target
from .runner import Outcome, Summary, run

__all__ = ["Cancelled", "FetchError", "Hosts", "Http", "IndexCache", "Outcome", "PlanError",
           "Planner", "Settings", "Summary", "Target", "run"]
