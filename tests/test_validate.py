"""`edition validate`: tei_all verdicts, the edition's own rules, safety and the CLI."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from edition.check.validate import has_doctype, parse, validate_file
from edition.cli import main

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "tei"
EXPECTED = {
    line.split("\t")[0]: set(line.split("\t")[1].split())
    for line in (CORPUS / "EXPECTED.tsv").read_text().splitlines()
    if line and not line.startswith("#")
}
SCHEMA_CODES = {"TEI100", "TEI101"}
REFUSED = {"TEI001", "TEI002"}  # refused or ill-formed: no schema verdict to compare


def test_the_corpus_is_large_enough():
    assert len(EXPECTED) >= 20
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.xml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gets_the_expected_codes(name):
    problems = validate_file(CORPUS / name)
    assert {p.code for p in problems} == EXPECTED[name], [str(p) for p in problems]


def test_every_edition_rule_is_triggered_and_not_triggered():
    codes = {f"ED10{k}" for k in range(1, 10)}
    triggered = set().union(*EXPECTED.values())
    assert codes <= triggered
    clean = [n for n, c in EXPECTED.items() if not c]
    assert len(clean) >= 4  # files where no rule fires, some exercising pointers, breaks, notes


@pytest.mark.parametrize("name", sorted(n for n, c in EXPECTED.items() if not c & REFUSED))
def test_pruned_schema_verdict_equals_full_tei_all(name, full_tei_all):
    tree, _ = parse((CORPUS / name).read_bytes(), name)
    full = full_tei_all.validate(tree)
    ours = not {p.code for p in validate_file(CORPUS / name)} & (SCHEMA_CODES | {"ED101"})
    assert full == ours


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
@pytest.mark.parametrize("name", sorted(n for n, c in EXPECTED.items() if not c & REFUSED))
def test_verdict_agrees_with_jing(name, schema_path):
    done = subprocess.run(["jing", str(schema_path), str(CORPUS / name)], capture_output=True,
                          text=True, timeout=120, check=False)
    jing_valid = done.returncode == 0
    # jing also checks xml:id uniqueness (RELAX NG DTD compatibility); so does ED101
    ours = not {p.code for p in validate_file(CORPUS / name)} & (SCHEMA_CODES | {"ED101"})
    assert jing_valid == ours, done.stdout[:500]


def test_the_projects_editions_are_valid():
    for path in sorted((ROOT / "tei").glob("*.xml")):
        assert validate_file(path) == [], path


def test_messages_name_the_element_and_the_problem():
    (problem,) = [p for p in validate_file(CORPUS / "unknown-element.xml") if p.code == "TEI101"]
    assert "<foo>" in problem.message and problem.line == 13
    msgs = [p.message for p in validate_file(CORPUS / "bad-date.xml")]
    assert any("when='1940-13-45'" in m and "<date>" in m for m in msgs)
    msgs = [p.message for p in validate_file(CORPUS / "missing-title.xml")]
    assert any("<titleStmt>" in m for m in msgs)


def test_silencing_by_code(tmp_path):
    assert validate_file(CORPUS / "empty-p.xml", ignore={"ED107"}) == []
    assert validate_file(CORPUS / "valid-silenced.xml") == []  # silenced by its own PI


# --- safety ---------------------------------------------------------------------


def test_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    doc = tmp_path / "xxe.xml"
    doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://{secret}">]>\n'
                   '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&s;</p></body>'
                   '</text></TEI>')
    problems = validate_file(doc)
    assert [p.code for p in problems] == ["TEI001"]
    assert all("TOP-SECRET" not in str(p) for p in problems)


def test_entity_bomb_is_refused_fast():
    start = time.perf_counter()
    problems = validate_file(CORPUS / "doctype-entity-bomb.xml")
    assert [p.code for p in problems] == ["TEI001"]
    assert time.perf_counter() - start < 5


def test_doctype_detection_looks_only_at_the_prolog():
    assert has_doctype(b'<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x>\n<x/>')
    assert has_doctype(b"\xef\xbb\xbf<!DOCTYPE x><x/>")
    assert not has_doctype(b"<x><![CDATA[<!DOCTYPE x>]]></x>")


def test_parser_ignores_entities_even_without_doctype_check():
    tree, problems = parse(b"<x>&undefined;</x>", "t")
    assert tree is None and problems[0].code == "TEI002"


# --- command line -----------------------------------------------------------------


def test_cli_exit_codes_and_format(capsys):
    assert main(["validate", str(CORPUS / "valid-minimal.xml")]) == 0
    assert capsys.readouterr().out == ""
    assert main(["validate", str(CORPUS / "valid-minimal.xml"), str(CORPUS / "empty-p.xml")]) == 1
    line = capsys.readouterr().out.strip()
    assert line == f"{CORPUS / 'empty-p.xml'}:13: ED107 empty <p>"
    assert main(["validate", str(CORPUS / "nope.xml")]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err and err.count("\n") == 1


def test_cli_ignore_option():
    assert main(["validate", "--ignore", "ED107", str(CORPUS / "empty-p.xml")]) == 0


def test_schema_option_pointing_nowhere_is_a_clear_error(capsys, tmp_path):
    assert main(["validate", "--schema", str(tmp_path / "none.rng"),
                 str(CORPUS / "valid-minimal.xml")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_cli_validates_the_committed_editions():
    files = [str(p) for p in sorted(Path(ROOT / "tei").glob("*.xml"))]
    assert main(["validate", *files]) == 0


def _mutants(data: bytes, count: int) -> list[bytes]:
    """Structural mutations of a valid edition: deleted, renamed, moved elements, bad attributes."""
    import random

    rng = random.Random(20261122)
    out = []
    for k in range(count):
        tree, _ = parse(data, "m")
        elements = [el for el in tree.iter() if isinstance(el.tag, str) and el.getparent() is not None]
        victim = rng.choice(elements)
        how = k % 4
        if how == 0:
            victim.getparent().remove(victim)
        elif how == 1:
            victim.tag = f"{{{TEI}}}{rng.choice(['p', 'div', 'head', 'note', 'list', 'title'])}"
        elif how == 2:
            target = rng.choice(elements)
            if victim not in target.iterancestors() and victim is not target:
                target.append(victim)
        else:
            victim.set(rng.choice(["when", "n", "type", "rend", "place", "break"]),
                       rng.choice(["", "1940-13-01", "x y", "top"]))
        out.append(etree.tostring(tree))
    return out


TEI = "http://www.tei-c.org/ns/1.0"


def test_pruned_verdict_equals_full_tei_all_on_mutated_editions(full_tei_all, tmp_path):
    data = (ROOT / "tei" / "krivitsky-1940.xml").read_bytes()
    for k, mutant in enumerate(_mutants(data, 24)):
        path = tmp_path / f"m{k}.xml"
        path.write_bytes(mutant)
        tree, _ = parse(mutant, "m")
        full = full_tei_all.validate(tree)
        ours = not {p.code for p in validate_file(path)} & (SCHEMA_CODES | {"ED101"})
        assert full == ours, (k, str(full_tei_all.error_log)[:300])


# --- the pruned grammar: exact, and never left for libxml2 to hang on ------------------


def _names(path: Path) -> set[tuple[str, str]]:
    tree = etree.parse(str(path))
    return {(etree.QName(el).namespace or "", etree.QName(el).localname)
            for el in tree.iter() if isinstance(el.tag, str)}


def test_pruned_grammar_has_no_single_child_group(schema_path):
    # libxml2 < 2.15 splices such groups itself and, inside a recursive element such as
    # listPerson, links the element's attributes into a cycle: compiling never ends
    from edition.check.validate import R, _grammar, _parts, prune

    pruned = prune(_grammar(str(schema_path)), _names(ROOT / "tei" / "persons.xml"))
    lone = [el.sourceline for el in pruned.getroot().iter(R + "group", R + "interleave")
            if len(_parts(el)) == 1]
    assert lone == []
    person_list = pruned.getroot().find(f".//{R}element[@name='listPerson']")
    assert person_list is not None and person_list.find(R + "group") is None


def test_a_recursive_element_with_a_lone_group_is_hoisted():
    from edition.check.validate import R, prune

    grammar = etree.ElementTree(etree.fromstring(f"""
        <grammar xmlns="{RNG}"><start><element name="r"><ref name="l"/></element></start>
          <define name="l"><element name="l">
            <group><optional><element name="h"><text/></element></optional>
              <oneOrMore><choice><element name="x"><empty/></element><ref name="l"/></choice>
              </oneOrMore></group>
            <optional><attribute name="t"/></optional></element></define></grammar>"""))
    pruned = prune(grammar, {("", "r"), ("", "l"), ("", "x")})
    (element,) = pruned.getroot().iterfind(f".//{R}element[@name='l']")
    assert [etree.QName(c).localname for c in element] == ["oneOrMore", "optional"]
    schema = etree.RelaxNG(pruned)  # hangs forever with the group left in (libxml2 2.14)
    assert schema.validate(etree.fromstring('<r><l t="1"><x/><l><x/></l></l></r>'))
    assert not schema.validate(etree.fromstring("<r><l/></r>"))


RNG = "http://relaxng.org/ns/structure/1.0"


def test_persons_list_is_checked_by_the_pruned_grammar(monkeypatch):
    # the fallback to all of tei_all (seconds) must not be needed for a list of persons
    import edition.check.validate as validate

    def no_fallback(path):
        raise AssertionError("fell back to compiling all of tei_all")

    monkeypatch.setattr(validate, "_full", no_fallback)
    monkeypatch.setattr(validate, "FAST_TIMEOUT", 60.0)
    assert validate_file(ROOT / "tei" / "persons.xml") == []
    assert validate_file(CORPUS / "valid-list-person.xml") == []


def test_pruned_verdict_equals_full_tei_all_on_mutated_person_lists(full_tei_all, tmp_path,
                                                                     monkeypatch):
    import edition.check.validate as validate

    monkeypatch.setattr(validate, "_full", lambda path: pytest.fail("fell back to all of tei_all"))
    data = (ROOT / "tei" / "persons.xml").read_bytes()
    verdicts = set()
    for k, mutant in enumerate(_mutants(data, 24)):
        path = tmp_path / f"m{k}.xml"
        path.write_bytes(mutant)
        tree, _ = parse(mutant, "m")
        full = full_tei_all.validate(tree)
        ours = not {p.code for p in validate_file(path)} & (SCHEMA_CODES | {"ED101"})
        assert full == ours, (k, str(full_tei_all.error_log)[:300])
        verdicts.add(full)
    assert verdicts == {True, False}  # the mutants exercise both verdicts


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed")
def test_verdicts_agree_with_jing_on_the_editions_and_their_mutants(schema_path, tmp_path):
    files = sorted((ROOT / "tei").glob("*.xml"))
    for edition in files[:]:
        for k, mutant in enumerate(_mutants(edition.read_bytes(), 12)):
            files.append(tmp_path / f"{edition.stem}-m{k}.xml")
            files[-1].write_bytes(mutant)
    ours = {path: not {p.code for p in validate_file(path)} & (SCHEMA_CODES | {"ED101"})
            for path in files}
    done = subprocess.run(["jing", str(schema_path), *map(str, files)], capture_output=True,
                          text=True, timeout=600, check=False)
    invalid = {Path(line.split(":", 1)[0]) for line in done.stdout.splitlines() if ":" in line}
    assert {path: path not in invalid for path in files} == ours
    assert 0 < len(invalid) < len(files)


def test_another_schema_never_stands_in_for_tei_all_afterwards(tmp_path, monkeypatch, capsys,
                                                               schema_path):
    # a grammar named with --schema is pruned for the document like tei_all, but never cached
    # as tei_all's: a later default validation gives tei_all's verdict (a cache of its own)
    cache = tmp_path / "cache" / "edition"
    cache.mkdir(parents=True)
    shutil.copy(schema_path, cache / Path(schema_path).name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    edition = ROOT / "tei" / "krivitsky-1940.xml"
    tiny = tmp_path / "tiny.rng"
    tiny.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
                    '<element name="TEI" ns="http://www.tei-c.org/ns/1.0"><text/></element>'
                    "</start></grammar>", encoding="utf-8")
    assert main(["validate", str(edition), "-q"]) == 0
    assert main(["validate", str(edition), "--schema", str(tiny), "-q"]) == 1
    assert main(["validate", str(edition), "-q"]) == 0
    capsys.readouterr()
    # a file that is no RELAX NG grammar is one line and exit 2
    assert main(["validate", str(edition), "--schema", str(ROOT / "README.md")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a RELAX NG schema" in err[0]
