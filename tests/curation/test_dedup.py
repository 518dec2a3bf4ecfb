"""The dedup stage on real designs: the template library and the accel suite's references."""

from __future__ import annotations

import time

import pytest

from workbench.curation.dedup import Cluster, DedupOptions, code_tokens, find_duplicates, normalize
from workbench.curation.record import Language, Provenance, Record, record_id
from workbench.solver.templates import TemplateError, load_library
from workbench.task.suite import load_suite


def make(code: str, path: str, language: Language = Language.SYSTEMVERILOG, **fields) -> Record:
    provenance = Provenance(source="test", path=path)
    return Record(id=record_id(provenance, "top", code), language=language, top="top", code=code,
                  provenance=provenance, **fields)


@pytest.fixture(scope="module")
def library():
    return load_library().templates


@pytest.fixture(scope="module")
def accel():
    return load_suite("accel").tasks


def test_normalize_drops_comments_and_whitespace_but_not_strings():
    code = 'module m(input a, output b); // note\n/* block\n */ assign b = a;\ninitial $display("x // y");\nendmodule\n'
    same = 'module m (input a,output b);assign b=a;   initial $display("x // y"); endmodule'
    assert normalize(code) == normalize(same)
    assert '"x // y"' in normalize(code)
    assert "note" not in normalize(code) and "block" not in normalize(code)
    assert normalize("input wire clk") == "input wire clk"  # spaces between words stay
    assert normalize("") == "" and normalize("   \n// only a comment\n") == ""
    assert normalize("/* never closed") == ""


def test_code_tokens():
    assert code_tokens("q <= q + 8'hFF; // c") == ["q", "<=", "q", "+", "8'hFF", ";"]
    assert code_tokens("assert property (a |-> ##1 b);") == ["assert", "property", "(", "a", "|->", "##", "1", "b",
                                                             ")", ";"]
    assert code_tokens("x = '0; $display(\"s\"); `define W") == ["x", "=", "'0", ";", "$display", "(", '"s"', ")",
                                                                  ";", "`define", "W"]


def test_exact_copies_with_comment_and_whitespace_changes(accel):
    code = accel[0].reference_text()
    reformatted = "// copied from somewhere\n" + code.replace("    ", "\t").replace("\n", "\n\n")
    # The same file under .v and .sv is a copy too: Verilog and SystemVerilog are one family.
    records = [make(code, "a.sv"), make(reformatted, "b.sv"), make(code, "c.v", Language.VERILOG),
               make(code, "d.scala", Language.CHISEL)]
    duplicates, clusters = find_duplicates(records)
    assert clusters == [Cluster(records[0].id, (records[0].id, records[1].id, records[2].id), "exact")]
    assert [(d.record_id, d.kept, d.kind, d.similarity) for d in duplicates] == [
        (records[1].id, records[0].id, "exact", 1.0), (records[2].id, records[0].id, "exact", 1.0)]


def test_template_instances_differing_by_one_default_are_near_duplicates(library):
    for template in library:
        parameter = template.config.parameters[0]
        value = _nearest_allowed(template, parameter.name, parameter.default)
        records = [make(template.instantiate(), "a"), make(template.instantiate({parameter.name: value}), "b")]
        duplicates, clusters = find_duplicates(records)
        assert [c.kind for c in clusters] == ["near"], template.name
        assert duplicates[0].similarity >= 0.85, template.name


def _nearest_allowed(template, name: str, default: int) -> int:
    """The value closest to the default that the block's rules allow (a range, a power of two, a
    multiple of 8)."""
    for value in (default + 1, default - 1, default * 2, default // 2):
        try:
            template.resolve({name: value})
        except TemplateError:
            continue
        return value
    raise AssertionError(f"{template.name}: no value of {name} near {default} is allowed")


def test_renamed_top_module_is_a_near_duplicate(accel):
    task = next(t for t in accel if t.id == "sync_fifo")
    code = task.reference_text()
    records = [make(code, "a"), make(code.replace("module sync_fifo", "module fifo_v2"), "b")]
    duplicates, clusters = find_duplicates(records)
    assert clusters[0].kind == "near" and duplicates[0].kind == "near" and duplicates[0].similarity >= 0.85


def test_distinct_real_designs_are_not_duplicates(library, accel):
    """85 real designs: the only cluster is the accel suite's 2x2 and 4x4 systolic arrays, which are
    the same design at two sizes (true shingle Jaccard 0.90)."""
    records = [make(t.rtl(), f"templates/{t.name}") for t in library]
    records += [make(t.reference_text(), f"accel/{t.id}") for t in accel]
    duplicates, clusters = find_duplicates(records)
    names = [tuple(r.provenance.path for r in records if r.id in c.members) for c in clusters]
    assert names == [("accel/systolic_array_2x2", "accel/systolic_array_4x4")]
    assert len(duplicates) == 1 and duplicates[0].kind == "near"


def test_kept_record_prefers_a_testbench_then_the_first_ingested(accel):
    code = accel[1].reference_text()
    plain, later, with_bench = make(code, "1"), make(code, "2"), make(code, "3", testbench="module tb; endmodule")
    _, clusters = find_duplicates([plain, later, with_bench])
    assert clusters[0].kept == with_bench.id
    _, clusters = find_duplicates([later, plain])
    assert clusters[0].kept == later.id


def test_near_clusters_join_through_a_third_record(library):
    template = next(t for t in library if t.name == "systolic_array")
    codes = [template.instantiate({"ROWS": rows}) for rows in (2, 3, 4, 5, 6)]
    records = [make(code, str(i)) for i, code in enumerate(codes)]
    duplicates, clusters = find_duplicates(records)
    assert len(clusters) == 1 and len(clusters[0].members) == 5 and clusters[0].kept == records[0].id
    assert {d.record_id for d in duplicates} == {r.id for r in records[1:]}


def test_messy_input_is_handled_and_fast():
    huge = "\n".join(f"assign w{i} = a{i} ^ (b{i} & 8'h{i % 256:02x});" for i in range(30_000))
    assert len(huge) > 1_000_000
    records = [make("", "empty1"), make("   // nothing\n", "empty2"), make("x", "one1"), make("x", "one2"),
               make("y", "one3"), make(huge, "huge1"), make(huge.replace("assign", "assign ", 5), "huge2")]
    started = time.monotonic()
    _, clusters = find_duplicates(records)
    assert time.monotonic() - started < 20
    members = sorted(tuple(r.provenance.path for r in records if r.id in c.members) for c in clusters)
    assert members == [("empty1", "empty2"), ("huge1", "huge2"), ("one1", "one2")]
    assert all(c.kind == "exact" for c in clusters)


def test_results_are_deterministic_and_options_checked(library):
    records = [make(t.instantiate(), t.name) for t in library]
    records += [make(t.instantiate().replace("endmodule", "  // v2\nendmodule"), t.name + "_copy") for t in library]
    assert find_duplicates(records) == find_duplicates(records)
    assert len(find_duplicates(records)[1]) == len(library)
    with pytest.raises(ValueError):
        DedupOptions(threshold=0)
    with pytest.raises(ValueError):
        DedupOptions(shingle=0)
