package store_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

func readBlob(t *testing.T, db *store.DB, id string) string {
	t.Helper()
	f, err := db.Blobs().Open(id)
	if err != nil {
		t.Fatalf("open blob %s: %v", id, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// blobFiles lists the files under the blob directory, tmp included.
func blobFiles(t *testing.T, db *store.DB) (committed, tmp []string) {
	t.Helper()
	root := filepath.Join(db.Dir(), "blobs")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if strings.HasPrefix(rel, "tmp"+string(filepath.Separator)) {
			tmp = append(tmp, rel)
		} else {
			committed = append(committed, filepath.Base(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(committed)
	return committed, tmp
}

func TestBlobCommit(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	w, err := db.Blobs().Create()
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"hello, ", "blob", " world"} {
		if _, err := io.WriteString(w, part); err != nil {
			t.Fatal(err)
		}
	}
	if w.Size() != 17 {
		t.Errorf("Size = %d", w.Size())
	}
	if committed, tmp := blobFiles(t, db); len(committed) != 0 || len(tmp) != 1 {
		t.Errorf("before commit: committed %v, tmp %v", committed, tmp)
	}
	id, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if got := readBlob(t, db, id); got != "hello, blob world" {
		t.Errorf("blob = %q", got)
	}
	if committed, tmp := blobFiles(t, db); len(committed) != 1 || committed[0] != id || len(tmp) != 0 {
		t.Errorf("after commit: committed %v, tmp %v", committed, tmp)
	}
	if _, err := w.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	w.Abort() // after Commit: a no-op
	if got := readBlob(t, db, id); got != "hello, blob world" {
		t.Error("Abort after Commit removed the blob")
	}
}

func TestBlobAbort(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	w, err := db.Blobs().Create()
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(w, "never acknowledged")
	w.Abort()
	w.Abort()
	if committed, tmp := blobFiles(t, db); len(committed) != 0 || len(tmp) != 0 {
		t.Errorf("after abort: committed %v, tmp %v", committed, tmp)
	}
	if _, err := w.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n == 0 {
		return 0, errors.New("connection reset")
	}
	n := min(f.n, len(p))
	f.n -= n
	return n, nil
}

func TestBlobPutFailureLeavesNothing(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	if _, _, err := db.Blobs().Put(&failingReader{n: 100}); err == nil {
		t.Fatal("Put of a failing reader succeeded")
	}
	if committed, tmp := blobFiles(t, db); len(committed) != 0 || len(tmp) != 0 {
		t.Errorf("after failed Put: committed %v, tmp %v", committed, tmp)
	}
	id, size, err := db.Blobs().Put(strings.NewReader("12345"))
	if err != nil || size != 5 || readBlob(t, db, id) != "12345" {
		t.Errorf("Put = %s, %d, %v", id, size, err)
	}
}

func TestBlobRemove(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	id, _, _ := db.Blobs().Put(strings.NewReader("x"))
	db.Blobs().Remove(id)
	db.Blobs().Remove(id) // missing: not an error
	db.Blobs().Remove("")
	db.Blobs().Remove("ab")
	if _, err := db.Blobs().Open(id); !os.IsNotExist(err) {
		t.Errorf("Open after Remove: %v", err)
	}
}

func TestBlobRemovedOnCommit(t *testing.T) {
	// The pattern services use: drop the reference in a transaction, remove
	// the file once the transaction has committed.
	db := open(t, "")
	defer db.Close()
	id, _, _ := db.Blobs().Put(strings.NewReader("old version"))
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Bucket("obj").Put("k", id) })
	err := db.Update(func(tx *store.Tx) error {
		tx.OnCommit(func() { db.Blobs().Remove(id) })
		_ = tx.Bucket("obj").Delete("k")
		return errors.New("client went away")
	})
	if err == nil {
		t.Fatal("Update succeeded")
	}
	if readBlob(t, db, id) != "old version" {
		t.Fatal("blob removed although the transaction rolled back")
	}
	mustUpdate(t, db, func(tx *store.Tx) error {
		tx.OnCommit(func() { db.Blobs().Remove(id) })
		return tx.Bucket("obj").Delete("k")
	})
	if _, err := db.Blobs().Open(id); !os.IsNotExist(err) {
		t.Errorf("blob still there after commit: %v", err)
	}
}

func TestBlobSweep(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	var ids []string
	for _, s := range []string{"a", "b", "c", "d"} {
		id, _, err := db.Blobs().Put(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	live := map[string]bool{ids[0]: true, ids[2]: true}
	if err := db.Blobs().Sweep(func(id string) bool { return live[id] }); err != nil {
		t.Fatal(err)
	}
	committed, _ := blobFiles(t, db)
	want := []string{ids[0], ids[2]}
	sort.Strings(want)
	if strings.Join(committed, ",") != strings.Join(want, ",") {
		t.Errorf("after Sweep: %v, want %v", committed, want)
	}
	if readBlob(t, db, ids[2]) != "c" {
		t.Error("live blob changed")
	}
}

func TestOpenDropsCrashLeftovers(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	w, err := db.Blobs().Create()
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(w, "half written when the process died")
	// No Commit, no Abort: as if the process were killed here.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = open(t, dir)
	defer db.Close()
	if _, tmp := blobFiles(t, db); len(tmp) != 0 {
		t.Errorf("temporary blob files survived reopen: %v", tmp)
	}
	w.Abort() // the old writer's file is gone already; must not fail
}
