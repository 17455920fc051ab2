from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestReportGroupOrder(AnchorCase):
    """The pivot's groups come in the order users expect: salespeople by name,
    KPIs in their own order, the group without salesperson last, as Odoo's
    read_group orders them (the order of each group's model)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Created last (highest id) but first by name: id order would be wrong.
        cls.aaron = new_test_user(
            cls.env, "anchor_rep_aaron", groups="sales_team.group_sale_salesman", name="Aaron"
        )
        cls.team.member_ids |= cls.aaron
        cls.leads = cls._lead(user_id=False)  # a group without salesperson
        for user in (cls.salesman, cls.salesman_b, cls.aaron):
            cls.leads |= cls._lead(user=user)
        cls.report = cls.env["crm.anchor.penetration.report"].with_user(cls.manager)

    def _groups(self, groupby, orderby=None, limit=None):
        groups = self.report.read_group(
            [("lead_id", "in", self.leads.ids)],
            ["expected_count:sum"],
            groupby,
            orderby=orderby,
            lazy=False,
            limit=limit,
        )
        return [tuple(group[spec] for spec in groupby) + (group["expected_count"],) for group in groups]

    def test_pivot_rows_and_columns(self):
        # As the pivot view asks: rows by salesperson, columns by KPI, no order given.
        groups = self._groups(["user_id", "kpi_id"])
        names = list(dict.fromkeys(group[0] and group[0][1] for group in groups))
        self.assertEqual(names, ["Aaron", "Rep A", "Rep B", False])
        kpis = self.env["crm.anchor.kpi"].search([])
        kpi_ids = [group[1][0] for group in groups if group[0] and group[0][1] == "Rep A"]
        self.assertEqual(kpi_ids, kpis.filtered(lambda kpi: kpi.id in kpi_ids).ids)

    def test_salespeople_by_name_and_empty_group_at_the_end(self):
        names = [group[0] and group[0][1] for group in self._groups(["user_id"])]
        self.assertEqual(names, ["Aaron", "Rep A", "Rep B", False])
        names = [group[0] and group[0][1] for group in self._groups(["user_id"], "user_id desc")]
        self.assertEqual(names, [False, "Rep B", "Rep A", "Aaron"])
