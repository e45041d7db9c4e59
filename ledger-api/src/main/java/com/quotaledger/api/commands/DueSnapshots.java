package com.quotaledger.api.commands;

/** Snapshots that commands asked for, written once the events they cover are committed. */
public interface DueSnapshots {

    /** Writes them; their failure fails no command. */
    void writeDue();
}
