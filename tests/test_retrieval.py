from workbench.retrieval import CorpusRetriever, installed_corpus, task_entry, task_source
from workbench.suite import find_task, load_suite


def test_search_ranks_and_leaves_the_task_out():
    retriever = CorpusRetriever(entries=[task_entry(t) for t in load_suite("accel").tasks])
    fifo = find_task("sync_fifo")
    assert retriever.search(fifo.spec.detailed, k=1)[0].source == "accel/sync_fifo"
    hits = retriever.search(fifo.spec.detailed, k=3, exclude=task_source(fifo))
    assert len(hits) == 3 and all(hit.source != "accel/sync_fifo" for hit in hits)
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_leave_one_out_holds_for_every_task_of_the_installed_corpus():
    retriever = CorpusRetriever(entries=installed_corpus())
    for task in load_suite("accel").tasks:
        hits = retriever.search(task.spec.detailed, k=5, exclude=task_source(task))
        assert task_source(task) not in {hit.source for hit in hits}
        assert task.reference_text() not in {hit.code for hit in hits}


def test_is_a_langchain_retriever():
    retriever = CorpusRetriever(entries=[task_entry(t) for t in load_suite("accel").tasks], k=3)
    documents = retriever.invoke("round-robin arbiter: one-hot grant, rotating priority pointer")
    assert len(documents) == 3
    assert documents[0].metadata["source"] == "accel/round_robin_arbiter"
    assert "module round_robin_arbiter" in documents[0].page_content
