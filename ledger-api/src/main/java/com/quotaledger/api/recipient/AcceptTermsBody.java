package com.quotaledger.api.recipient;

import com.quotaledger.api.web.Text;
import com.quotaledger.terms.api.TermsDocument;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** An acceptance of the terms documents, by a recipient entity or by a person: who accepted which versions. */
public record AcceptTermsBody(@NotBlank @Size(max = 320) @Pattern(regexp = Text.PRINTABLE) String acceptedBy,
                              @NotEmpty Map<TermsDocument,
                                      @NotBlank @Size(max = 64) @Pattern(regexp = Text.PRINTABLE) String> documents) {
}
