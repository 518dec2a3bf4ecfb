from workbench.retrieval import TaskRetriever
from workbench.suite import find_task, load_suite


def test_search_ranks_related_tasks_first_and_leaves_the_task_out():
    retriever = TaskRetriever(tasks=load_suite("accel").tasks)
    fifo = find_task("sync_fifo")
    hits = retriever.search(fifo.spec.detailed, k=3, exclude=fifo)
    assert len(hits) == 3 and all(hit.source != "accel/sync_fifo" for hit in hits)
    assert hits[0].score >= hits[1].score >= hits[2].score
    assert retriever.search(fifo.spec.detailed, k=1)[0].source == "accel/sync_fifo"


def test_is_a_langchain_retriever():
    retriever = TaskRetriever(tasks=load_suite("accel").tasks, k=3)
    documents = retriever.invoke("round-robin arbiter: one-hot grant, rotating priority pointer")
    assert len(documents) == 3
    assert documents[0].metadata["source"] == "accel/round_robin_arbiter"
    assert "module round_robin_arbiter" in documents[0].page_content
