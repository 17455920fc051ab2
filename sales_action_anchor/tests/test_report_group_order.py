from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import NOW, AnchorCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestReportGroupOrder(AnchorCase):
    """The reports group first and order the groups afterwards: the groups
    must come exactly as PostgreSQL would have ordered them."""

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

    def test_same_order_as_sql(self):
        for groupby, orderby in (
            (["user_id", "kpi_id"], None),
            (["user_id"], "user_id desc"),
            (["date_deadline:month", "user_id"], None),
            (["kpi_id", "user_id"], "kpi_id desc, user_id"),
        ):
            with self.subTest(groupby=groupby, orderby=orderby):
                # A paged read keeps the ORM's own SQL ordering.
                self.assertEqual(self._groups(groupby, orderby), self._groups(groupby, orderby, limit=1000))

    def test_salespeople_by_name_and_empty_group_at_the_end(self):
        names = [group[0] and group[0][1] for group in self._groups(["user_id"])]
        self.assertEqual(names, ["Aaron", "Rep A", "Rep B", False])
        names = [group[0] and group[0][1] for group in self._groups(["user_id"], "user_id desc")]
        self.assertEqual(names, [False, "Rep B", "Rep A", "Aaron"])
