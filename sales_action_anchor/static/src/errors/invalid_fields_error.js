import { _t } from "@web/core/l10n/translation";
import { odooExceptionTitleMap, WarningDialog } from "@web/core/errors/error_dialogs";
import { registry } from "@web/core/registry";

// The anchor check's ValidationError, naming the fields to correct (see
// exceptions.py): shown as any ValidationError, as Odoo maps its own
// subclasses (e.g. MissingActionError).
const INVALID_FIELDS_ERROR = "odoo.addons.sales_action_anchor.exceptions.InvalidFieldsError";

odooExceptionTitleMap.set(INVALID_FIELDS_ERROR, _t("Validation Error"));
registry.category("error_dialogs").add(INVALID_FIELDS_ERROR, WarningDialog);
