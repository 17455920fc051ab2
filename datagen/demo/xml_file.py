"""Odoo data files written line by line, so that they read as hand-written ones."""

from xml.sax.saxutils import escape

from .moments import HoursAgo, Moment
from .team import LANG


def attr(value):
    return escape(str(value), {'"': "&quot;"})


class XmlFile:
    def __init__(self, intro, context=None):
        root = f'<odoo context="{attr(context)}">' if context else "<odoo>"
        self.lines = ['<?xml version="1.0" encoding="utf-8"?>', root, "    <!--"]
        self.lines.extend(f"        {line}" if line else "" for line in intro.strip().splitlines())
        self.lines += ["    -->", ""]
        self.pad = "    "

    def begin(self, tag, attrs):
        self.lines.append(f"{self.pad}<{tag} {attrs}>")
        self.pad += "    "

    def end(self, tag):
        self.pad = self.pad[:-4]
        self.lines.append(f"{self.pad}</{tag}>")

    def comment(self, text):
        self.lines.append(f"{self.pad}<!-- {escape(text.replace('--', '—'))} -->")

    def blank(self):
        self.lines.append("")

    def record(self, xmlid, model, fields, context=None):
        ctx = f' context="{attr(context)}"' if context else ""
        self.lines.append(f'{self.pad}<record id="{xmlid}" model="{model}"{ctx}>')
        self.lines.extend(f"{self.pad}    {f}" for f in fields)
        self.lines.append(f"{self.pad}</record>")

    def function(self, model, name, eval_=None, uid=None, children=()):
        attrs = f'model="{model}" name="{name}"'
        if uid:
            attrs += f' uid="{uid}"'
        if eval_ is not None:
            attrs += f' eval="{attr(eval_)}"'
        if not children:
            self.lines.append(f"{self.pad}<function {attrs}/>")
            return
        self.lines.append(f"{self.pad}<function {attrs}>")
        self.lines.extend(f"{self.pad}    {c}" for c in children)
        self.lines.append(f"{self.pad}</function>")

    def write(self, path):
        path.write_text("\n".join([*self.lines, "</odoo>", ""]), encoding="utf-8")


def text(name, value):
    return f'<field name="{name}">{escape(str(value))}</field>'


def ref(name, xmlid):
    return f'<field name="{name}" ref="{xmlid}"/>'


def ev(name, expr):
    return f'<field name="{name}" eval="{attr(expr)}"/>'


def refs(name, xmlids):
    return ev(name, "[Command.set([" + ", ".join(f"ref('{x}')" for x in xmlids) + "])]")


def when(name, moment, plus_hours=0):
    if isinstance(moment, HoursAgo):
        return ev(name, moment.datetime_expr(plus_hours))
    if plus_hours:
        moment = Moment(moment.days - plus_hours // 24, moment.minute)
    return ev(name, moment.datetime_expr())


# The demo's other files load in the team's language, as the team would work:


def multiline(name, value):
    """A field whose text keeps its line breaks (no indentation inside)."""
    return f'<field name="{name}">{escape(value.rstrip())}</field>'


# The demo's files but the company's load in the team's language, as the team would work:
# what the server writes meanwhile (chatter, activities) is in Chinese.
IN_LANG = {"lang": LANG}
