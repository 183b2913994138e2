package org.imbridge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PrivatePostgresTest {

    @Test
    void servesEmptyDatabasesOnLoopbackAndStopsWhenClosed() throws Exception {
        int port;
        try (PrivatePostgres postgres = new PrivatePostgres()) {
            postgres.start();
            port = postgres.port();
            String first = postgres.newDatabase();
            String second = postgres.newDatabase();
            assertThat(first).startsWith("jdbc:postgresql://127.0.0.1:" + port + "/").isNotEqualTo(second);
            try (Connection c = DriverManager.getConnection(first, PrivatePostgres.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x int)");
                s.execute("INSERT INTO t VALUES (42)");
                try (ResultSet r = s.executeQuery("SELECT x FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getInt(1)).isEqualTo(42);
                }
            }
        }
        int closedPort = port;
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", closedPort), 2000);
            }
        }).isInstanceOf(java.io.IOException.class);
    }
}
