from chalicelib.domain.guards import load_pack
from chalicelib.domain.guards.patterns import within_one_edit
from chalicelib.domain.guards.text import collapse_repeats, fold, phonetic


def norm():
    return load_pack("FR").normaliser


def test_fold_casefolds_and_strips_accents():
    assert fold("Saisie ÉXÉCUTION forcée") == "saisie execution forcee"
    assert fold("Œuvre") == "oeuvre"
    assert fold("plain ascii") == "plain ascii"


def test_collapse_repeats_keeps_digits():
    assert collapse_repeats("huiiissier") == "huisier"
    assert collapse_repeats("2000") == "2000"


def test_misspellings_share_a_key():
    n = norm()
    for variant in ("saisie", "sezie", "saizie", "SAISIE", "saisieee", "Saisies"):
        assert n.key(variant) == n.key("saisie"), variant
    for variant in ("huissier", "huisier", "Huissier", "uissier", "huiss"):
        assert n.key(variant) == n.key("huissier"), variant
    assert phonetic("police") == phonetic("polise")


def test_sms_lexicon():
    n = norm()
    assert n.key("ds") == n.key("dans")
    assert n.key("vs") == n.key("vous")
    assert n.key("jms") == n.key("jamais")


def test_tokens_keep_original_offsets():
    text = "Réglez d'ici là : la SAISIE aura lieu"
    tt = norm().tokenize(text)
    tok = [t for t in tt.tokens if t.key == norm().key("saisie")][0]
    assert text[tok.start:tok.end] == "SAISIE"
    assert tt.span(0, 1) == (0, 8, "Réglez d")


def test_sentences_and_clauses():
    tt = norm().tokenize("Un, deux. Trois 504.20 euros")
    assert [t.sentence for t in tt.tokens] == [0, 0, 1, 1, 1, 1]
    assert tt.tokens[0].clause != tt.tokens[1].clause


def test_an_abbreviation_dot_ends_no_sentence():
    # "réf." and "M." are inside the sentence: a reported question ("vous demandez si notre
    # courrier réf. X est un document officiel") must still reach its end
    tt = norm().tokenize("Notre courrier réf. ENC-1 du 30/11 est parti. M. Dupont, art. 11 du contrat. Fin")
    sentences = {t.plain: t.sentence for t in tt.tokens}
    assert sentences["notre"] == sentences["parti"] == 0
    assert sentences["dupont"] == sentences["contrat"] == 1
    assert sentences["fin"] == 2

    # a company form in dotted capitals (held-out du-021: "… Logistics B.V. by a commissaire de justice")
    tt = norm().tokenize("It will be served on Van der Berg Logistics B.V. by a bailiff. End")
    assert [t.sentence for t in tt.tokens] == [0] * 14 + [1]


def _negated(text, word):
    pack = load_pack("FR")
    tt = pack.normaliser.tokenize(text)
    idx = [i for i, t in enumerate(tt.tokens) if t.key == pack.normaliser.key(word)][0]
    return pack.negation.negated(tt, idx, idx)


def test_negation_windows():
    assert _negated("nous n'engagerons aucune saisie", "saisie")
    assert _negated("Aucune saisie ne peut intervenir sans décision de justice", "saisie")
    assert _negated("il n'y aura pas de saisie", "saisie")
    assert _negated("Seizure cannot happen without a court order", "seizure")
    assert _negated("we will not seize anything", "seize")
    assert _negated("la loi interdit toute saisie", "saisie")


def test_conditions_are_not_negations():
    assert not _negated("Si vous ne payez pas, nous procéderons à la saisie", "saisie")
    assert not _negated("si vs payez pas ds 48h saisie de vos biens", "saisie")
    assert not _negated("Sans paiement de votre part, saisie de vos biens", "saisie")
    assert not _negated("sans reglement vs serez fiché FICP", "ficp")
    assert not _negated("If you don't pay we will seize your car", "seize")


def test_within_one_edit():
    assert within_one_edit("huissier", "huisier")
    assert within_one_edit("saisie", "siasie")      # swap
    assert within_one_edit("tribunal", "tribunak")
    assert not within_one_edit("amiable", "minable")
    assert not within_one_edit("jugement", "urgement")


def test_numero_sign_is_not_a_negation():
    pack = load_pack("FR")
    tt = pack.normaliser.tokenize("huissier n° 12")
    assert tt.tokens[1].key == "numero"
    assert not _negated("Avis d'huissier n° 2026/889", "huissier")
    assert _negated("L'huissier n'interviendra pas", "huissier")


def test_negation_inside_a_gapped_match():
    from guards_helpers import run
    assert run("Les frais de relance ne sont pas à votre charge.").verdict == "allow"
    assert run("Les frais de courrier restent à votre charge.").verdict == "block"


def test_exact_words_keep_their_plain_key():
    """A phonetic collision with a pattern word of another meaning is a false positive:
    "ceci" folded to "sesi", the key of "saisi" (seized)."""
    from chalicelib.domain.guards.text import Normaliser

    assert Normaliser().key("ceci") == Normaliser().key("saisi")
    normaliser = Normaliser(exact=("ceci",))
    assert normaliser.key("Ceci") == "ceci" and normaliser.key("saisi") == "sesi"
    from guards_helpers import run

    assert run("Bonjour, ceci est un rappel amical : la facture F-1001 reste ouverte.").verdict == "allow"


def test_a_spaced_run_with_digits_and_lookalikes_is_cut_where_the_words_are():
    from chalicelib.domain.guards.unmask import readings

    pack = load_pack("FR")
    # the run is segmented as it reads once digits are letters, not as "mai ntenons"
    assert readings("nous m a i n 7 3 n o n 5 notre demande", pack)[-1].text == "nous maintenons notre demande"
    assert readings("les b u r 3 \u0430 u \u0445 de crédit", pack)[-1].text == "les bureaux de crédit"
