"""``res_partner_demo.xml``: the customers and the person each salesperson deals with."""

from datagen.world.places import CITIES

from .team import LANG
from .xml_file import IN_LANG, XmlFile, ev, ref, text


def write_partners(path, customers):
    xml = XmlFile(
        """
Customers of the East China team: contractors, developers, factories, dealers
and utilities, eight per salesperson in their territory, each with the person
the salesperson deals with. They speak Chinese.
""",
        IN_LANG,
    )
    for customer in customers:
        state = CITIES[customer.city][0]
        xml.record(
            customer.xmlid,
            "res.partner",
            [
                text("name", customer.name),
                ev("is_company", "True"),
                text("street", customer.street),
                text("city", customer.city),
                text("zip", customer.zip),
                ref("state_id", state),
                ref("country_id", "base.cn"),
                text("phone", customer.phone),
                text("email", customer.email),
                text("website", customer.website),
                text("lang", LANG),
                ref("industry_id", f"base.res_partner_industry_{customer.industry}"),
                ref("user_id", customer.salesperson.xmlid),
            ],
        )
        contact = customer.contact
        xml.record(
            f"partner_{contact.key}",
            "res.partner",
            [
                text("name", contact.name),
                ref("parent_id", customer.xmlid),
                text("function", contact.function),
                text("mobile", contact.mobile),
                text("email", contact.email),
                text("lang", LANG),
            ],
        )
    xml.write(path)
