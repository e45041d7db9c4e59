package com.quotaledger.person.api;

public enum ExportFormat {
    CSV,
    XLSX,
    PDF
}
