package com.quotaledger.api.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node may skip checking its cached recipients against the store only when no other process can write to it: an H2
 * file or memory database it opens itself. An H2 server, or a file others may open through AUTO_SERVER, is shared like
 * PostgreSQL.
 */
class OnlyAStoreThisProcessOpensItselfIsPrivate {

    @ParameterizedTest(name = "{0}: private {1}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:h2:file:/var/lib/ledger/ledger;DB_CLOSE_ON_EXIT=FALSE  | true
            jdbc:h2:./data/ledger                                       | true
            jdbc:h2:~/ledger                                            | true
            jdbc:h2:mem:ledger;DB_CLOSE_DELAY=-1                         | true
            jdbc:h2:tcp://db.internal:9092/ledger                       | false
            JDBC:H2:TCP://db.internal/~/ledger                          | false
            jdbc:h2:ssl://db.internal:9092/ledger                       | false
            jdbc:h2:file:/shared/ledger;AUTO_SERVER=TRUE                 | false
            jdbc:h2:/shared/ledger; auto_server = true                  | false
            jdbc:postgresql://db.internal:5432/ledger                   | false
            """)
    void onlyAnH2DatabaseThisProcessOpensIsPrivate(String url, boolean expected) {
        assertThat(EmbeddedStore.isPrivateToThisProcess(url)).isEqualTo(expected);
    }
}
