// Command ferretdb runs an embedded FerretDB v1.24.2 with its PostgreSQL backend.
//
// Embedding it (instead of `go install .../cmd/ferretdb`) makes this module the main
// module, so FerretDB's build/version check is skipped (see shared/DATABASE.md).
//
// Usage: ferretdb -postgresql-url postgres://USER:PASS@127.0.0.1:PGPORT/ferretdb -listen 127.0.0.1:PORT
// (the PostgreSQL server is started by the Node launcher, server/embedded/).
// It prints "ready" on stdout once the listener accepts connections and exits
// when it receives SIGINT or SIGTERM, or when its parent's stdin closes.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	pgURL := flag.String("postgresql-url", "", "PostgreSQL connection string (required)")
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin closes (parent died)")
	debug := flag.Bool("debug", false, "log every connection (default: warnings and errors only)")
	flag.Parse()

	if *pgURL == "" {
		fail("-postgresql-url is required")
	}

	level := slog.LevelWarn
	if *debug {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Logger:        logger,
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		fail("ferretdb: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// Announce readiness once the port accepts connections.
	go func() {
		for ctx.Err() == nil {
			c, err := net.DialTimeout("tcp", *listen, 200*time.Millisecond)
			if err == nil {
				c.Close()
				fmt.Println("ready")
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()

	if err := <-done; err != nil && ctx.Err() == nil {
		fail("ferretdb stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
