package com.quotaledger.api.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points the datasource at an H2 file database under {@code ledger.data-dir} unless a datasource URL is given.
 * <p>
 * {@code WRITE_DELAY=0} writes every commit to the file before the commit returns, so a process killed right after
 * answering keeps what it answered. {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing the database to Spring, after the
 * last in-flight command, instead of H2's own shutdown hook.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedStore {

    /** Static, so that it post-processes the datasource settings however early they are created. */
    @Bean
    static BeanPostProcessor embeddedStoreUrl(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DataSourceProperties properties && properties.getUrl() == null) {
                    properties.setUrl(url(Path.of(environment.getProperty("ledger.data-dir", "./data"))));
                    properties.setUsername("sa");
                }
                return bean;
            }
        };
    }

    static String url(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        return "jdbc:h2:file:" + directory.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }
}
