// Command ferretdb runs an embedded FerretDB v1.24.2 with its SQLite backend.
//
// Embedding it (instead of `go install .../cmd/ferretdb`) makes this module the main
// module, so FerretDB's build/version check is skipped (see shared/DATABASE.md).
//
// Usage: ferretdb -dir ABS_DATA_DIR -listen 127.0.0.1:PORT
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
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dir := flag.String("dir", ".data", "data directory (created if missing)")
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	watchStdin := flag.Bool("watch-stdin", false, "exit when stdin closes (parent died)")
	debug := flag.Bool("debug", false, "log every connection (default: warnings and errors only)")
	flag.Parse()

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail("data directory: %v", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		fail("data directory: %v", err)
	}

	level := slog.LevelWarn
	if *debug {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// _id look-ups use an index only with ours (id_index.go): existing tables get it before
	// FerretDB opens them, new ones within a second of being created.
	if err := indexIDsOnce(context.Background(), abs); err != nil {
		logger.Warn("indexing _id look-ups", slog.String("error", err.Error()))
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Logger:   logger,
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL: a process crash loses nothing; only a power cut may lose
		// the last transactions (never corrupts). FULL would fsync every insert batch.
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
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
	go indexIDsEvery(ctx, abs, time.Second, logger)

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
