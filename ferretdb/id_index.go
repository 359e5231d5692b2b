package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses, registered as "sqlite"
)

// FerretDB v1.24.2's SQLite backend pushes a filter of `_id` equality down as
// `WHERE _ferretdb_sjson->'$._id' = ?`, but indexes `_id` as `_ferretdb_sjson->"_id"`
// (the `_id_` unique index). SQLite matches index expressions by their text, so the
// unique index never serves a look-up: every findById, update or delete by _id scans the
// table in SQLite (~2-5 µs a row: ~0.25 s at 100,000 students, seconds at a million
// outcomes). An index on the pushed-down expression itself makes those look-ups use it.
// FerretDB does not know this index: it neither lists nor drops it (dropping the
// collection drops its table, and the index with it).
const idIndexSuffix = "_id_path"

// indexIDsOnce gives every collection table of every database in dir an index on the
// expression FerretDB filters _id equality with. Databases are opened read-write only
// (never created), so a database FerretDB drops meanwhile is not brought back.
func indexIDsOnce(ctx context.Context, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sqlite") {
			continue
		}
		if err := indexIDs(ctx, filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
	}
	return nil
}

func indexIDs(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// Tables of collections without the index yet (capped ones too: same column).
	rows, err := db.QueryContext(ctx, `SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || ?)`, idIndexSuffix)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil // a database FerretDB is creating: no collections yet
		}
		return err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil && !strings.Contains(err.Error(), "no such table") {
			return err // (a collection dropped meanwhile has no table to index)
		}
	}
	return nil
}

// indexIDsEvery runs indexIDsOnce every period until ctx ends, so collections created
// while the server runs get their index within a period (while they are still small).
func indexIDsEvery(ctx context.Context, dir string, period time.Duration, logger *slog.Logger) {
	ticker := time.NewTicker(period)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if err := indexIDsOnce(ctx, dir); err != nil && ctx.Err() == nil {
				logger.Warn("indexing _id look-ups", slog.String("error", err.Error()))
			}
		}
	}
}
