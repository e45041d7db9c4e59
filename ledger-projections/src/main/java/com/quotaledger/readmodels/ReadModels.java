package com.quotaledger.readmodels;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The read models' one processor: the decision log and every report are projected by the same processor, so that
 * each event is read once per node, every read model stands at the same position, and one transaction writes what a
 * batch of events changes in all of them.
 */
public final class ReadModels {

    public static final String PROCESSING_GROUP = "read-models";

    private ReadModels() {
    }

    /**
     * Adds {@code change} to what a projection writes for the batch of events being handled: {@code writes} made by
     * {@code create} on the batch's first change, written (run) when the batch's transaction is about to commit,
     * after every event of the batch was handled, so that a batch costs a few statements rather than several per
     * event. Outside a batch (a projection fed one event at a time) the change is written at once.
     */
    public static <W extends Runnable> void inBatch(String name, Supplier<W> create, Consumer<W> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            W writes = create.get();
            change.accept(writes);
            writes.run();
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        W writes = batch.getOrComputeResource(ReadModels.class.getName() + "." + name, key -> {
            W made = create.get();
            batch.onPrepareCommit(unitOfWork -> made.run());
            return made;
        });
        change.accept(writes);
    }
}
