package com.quotaledger.api.share;

import com.quotaledger.api.commands.GroupCommit;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/shares")
class ShareController {

    private final ShareDecisions shares;

    ShareController(ShareDecisions shares) {
        this.shares = shares;
    }

    @PostMapping
    ResponseEntity<Object> share(@Valid @RequestBody ShareIdsBody body) {
        return GroupCommit.await(shares.decide(body, null)).toResponseEntity();
    }
}
