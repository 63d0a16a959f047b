"""An SMS asking to be called back that names nobody (sender.py, FR-PRETEXTING): what is wrong
is what the message leaves out, so only a message naming no one at all is caught."""
from __future__ import annotations

import pytest
from guards_helpers import AGENCY, CREDITOR, rule_ids, run, severities

from chalicelib.domain.guards.sender import unidentified_callback


@pytest.mark.parametrize("text", [
    "Bonjour, merci de me rappeler au plus vite au 06 48 22 71 05, c'est urgent, concernant votre dossier. "
    "Cordialement.",
    "Merci de nous recontacter rapidement au 01 84 60 22 17.",
    "Hello, please call us back on 01 84 60 22 17 about your file. Thanks.",
    "Bonjour, contactez-nous au 0148227105 au sujet de la somme de 1 480,00 €.",
    # a file reference says which file, not who is asking
    "Information importante vous concernant : merci de rappeler d'urgence le 05 61 22 48 00 au sujet de votre "
    "dossier n° NC-26-3744 (courrier du 03/12/2026).",
])
def test_a_callback_request_naming_nobody_is_unidentified(text):
    assert unidentified_callback(text, "sms") is True
    assert severities(run(text, CREDITOR, channel="sms"), "FR-PRETEXTING") == ["block"]


@pytest.mark.parametrize("text", [
    # the catalogue's lawful example
    "Société X, recouvrement amiable pour Y : merci de nous rappeler au 01 23 45 67 89 au sujet du dossier "
    "n° 123 (notre courrier du 02/02/2025).",
    "Bonjour, ici Plomberie Lenoir, merci de me rappeler au 06 48 22 71 05.",
    "Cofidis : merci de nous rappeler au 03 20 00 00 00.",
    "Bonjour Mme Perrin, merci de me rappeler au 06 48 22 71 05.",      # a name is read as identifying
    "Merci de nous contacter : contact@exemple.fr",
    "Bonjour, petit rappel pour votre facture, merci !",                  # no callback asked
    # the collector will call: the debtor is not asked to
    "Sans réponse de votre part, nous nous permettrons de vous rappeler la semaine prochaine. réf. RA-2026-0457",
])
def test_a_message_that_names_someone_or_asks_no_callback_is_not_read_as_unidentified(text):
    assert unidentified_callback(text, "sms") is False


def test_only_sms_are_read():
    # an automated call without identification is the catalogue's warn (FR-HIDDEN-OR-ROBOT-CALL)
    text = "Bonjour, merci de nous rappeler au 04 91 00 63 63. Merci."
    assert unidentified_callback(text, "call") is None
    assert unidentified_callback(text, "email") is None
    assert "FR-PRETEXTING" not in rule_ids(run(text, AGENCY, channel="call", automated=True))
