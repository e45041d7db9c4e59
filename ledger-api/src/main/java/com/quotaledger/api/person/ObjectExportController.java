package com.quotaledger.api.person;

import com.quotaledger.api.commands.GroupCommit;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Full Post and User objects to a person: only by manual download, at most the daily limit per person. */
@RestController
@RequestMapping("/api/v1/object-exports")
class ObjectExportController {

    private final ObjectExportDecisions exports;

    ObjectExportController(ObjectExportDecisions exports) {
        this.exports = exports;
    }

    @PostMapping
    ResponseEntity<Object> export(@Valid @RequestBody ObjectExportBody body) {
        return GroupCommit.await(exports.decide(body, null)).toResponseEntity();
    }
}
