from odoo import api, models
from odoo.tools import SQL

from ..lib.ratios import rate
from ..lib.rpc_values import rpc_safe


class CrmAnchorPilot(models.AbstractModel):
    """Compare the pilot group (动作先锋组: team members marked as pilots) with
    everyone else over a period: check-in completion, penetration, win rate and
    renewal rate. Reads only, under the caller's record rules."""

    _name = "crm.anchor.pilot"
    _inherit = "crm.anchor.analysis"
    _description = "Pilot Group Comparison"

    @api.readonly
    @api.model
    def get_comparison(self, date_from, date_to, team_ids=None):
        """``{"pilot": {...}, "others": {...}}``, each with ``users`` (ids),
        ``checkin_rate``, ``penetration``, ``win_rate`` and ``renewal_rate``
        (fractions, False when there is nothing to divide)."""
        period = self._period(date_from, date_to)
        team_ids = self._scope(team_ids, None)["team_ids"]
        start, end = self._bounds(period["date_from"], period["date_to"])
        member_domain = [("crm_team_id.anchor_enforced", "=", True)] + self._member_domain()
        if team_ids:
            member_domain.append(("crm_team_id", "in", team_ids))
        pilots, others = set(), set()
        for member in self.env["crm.team.member"].search_read(member_domain, ["user_id", "anchor_pilot"]):
            (pilots if member["anchor_pilot"] else others).add(member["user_id"][0])
        others -= pilots
        groups = {"pilot": sorted(pilots), "others": sorted(others)}
        everyone = sorted(pilots | others)

        checkins = self.env["crm.anchor.checkin"]._read_group(
            [
                ("user_id", "in", everyone),
                ("date", ">=", period["date_from"]),
                ("date", "<=", period["date_to"]),
            ],
            ["user_id"],
            ["__count", "completed_count:sum"],
        )
        ledger = self.env["crm.anchor.expectation"]._read_group(
            self._due_domain()
            + [("user_id", "in", everyone), ("date_deadline", ">=", start), ("date_deadline", "<", end)],
            ["user_id", "state"],
            ["__count"],
        )
        closed = self._closed_deals(everyone, start, end)
        result = {}
        for name, user_ids in groups.items():
            members = set(user_ids)
            days = sum(count for user, count, _done in checkins if user.id in members)
            parts_done = sum(done for user, _count, done in checkins if user.id in members)
            expected = sum(count for user, _state, count in ledger if user.id in members)
            on_time = sum(
                count for user, state, count in ledger if user.id in members and state == "done_on_time"
            )
            won = sum(row["won"] for uid, row in closed.items() if uid in members)
            lost = sum(row["lost"] for uid, row in closed.items() if uid in members)
            renewed = sum(row["renewed"] for uid, row in closed.items() if uid in members)
            result[name] = {
                "users": user_ids,
                "checkin_rate": rate(parts_done, days * 3),
                "penetration": rate(on_time, expected),
                "win_rate": rate(won, won + lost),
                "renewal_rate": rate(renewed, won),
            }
        return rpc_safe(result)

    def _closed_deals(self, user_ids, start, end):
        """{user id: {won, lost, renewed}} for the opportunities closed in the
        period; a won deal renews when its customer had won an earlier one that
        the caller may read (not another company's, not even as a rate)."""
        if not user_ids:
            return {}
        Lead = self.env["crm.lead"]
        leads = Lead._search(
            [("type", "=", "opportunity"), ("user_id", "in", user_ids), ("active", "in", (True, False))]
        )
        readable_won = Lead._search([("probability", "=", 100)])
        Lead.flush_model(["user_id", "active", "probability", "partner_id", "date_closed"])
        closed = self.env.execute_query(
            SQL(
                """
                SELECT lead.user_id,
                       COUNT(*) FILTER (WHERE lead.active AND lead.probability = 100),
                       COUNT(*) FILTER (WHERE NOT lead.active),
                       COUNT(*) FILTER (WHERE lead.active AND lead.probability = 100 AND EXISTS (
                           SELECT 1 FROM crm_lead earlier
                            WHERE earlier.partner_id = lead.partner_id AND earlier.id <> lead.id
                              AND earlier.active AND earlier.probability = 100
                              AND earlier.id IN %(readable_won)s
                              AND earlier.date_closed < lead.date_closed))
                  FROM crm_lead lead
                 WHERE lead.id IN %(leads)s AND lead.date_closed >= %(start)s AND lead.date_closed < %(end)s
                 GROUP BY lead.user_id
                """,
                leads=leads.subselect(),
                readable_won=readable_won.subselect(),
                start=start,
                end=end,
            )
        )
        return {
            user_id: {"won": won, "lost": lost, "renewed": renewed} for user_id, won, lost, renewed in closed
        }
