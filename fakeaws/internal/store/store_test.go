package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type role struct {
	Name string   `json:"name"`
	Tags []string `json:"tags,omitempty"`
}

func open(t *testing.T, dir string) *store.DB {
	t.Helper()
	db, err := store.Open(store.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func mustUpdate(t *testing.T, db *store.DB, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateView(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	mustUpdate(t, db, func(tx *store.Tx) error {
		if !tx.Writable() {
			t.Error("Update transaction not writable")
		}
		b := tx.Bucket("123456789012", "iam", "roles")
		if err := b.Put("admin", role{Name: "admin", Tags: []string{"a"}}); err != nil {
			return err
		}
		return b.Put("dev", role{Name: "dev"})
	})
	err := db.View(func(tx *store.Tx) error {
		if tx.Writable() {
			t.Error("View transaction writable")
		}
		b := tx.Bucket("123456789012", "iam", "roles")
		r, ok, err := store.Get[role](b, "admin")
		if err != nil || !ok || !reflect.DeepEqual(r, role{Name: "admin", Tags: []string{"a"}}) {
			t.Errorf("Get admin = %+v, %v, %v", r, ok, err)
		}
		if !b.Has("dev") || b.Has("nobody") {
			t.Error("Has")
		}
		if _, ok, err := store.Get[role](b, "nobody"); ok || err != nil {
			t.Errorf("Get missing = %v, %v", ok, err)
		}
		// Another account's bucket is empty, and reading it creates nothing.
		other := tx.Bucket("210987654321", "iam", "roles")
		if other.Has("admin") {
			t.Error("role visible in another account")
		}
		if n, err := other.Count(""); n != 0 || err != nil {
			t.Errorf("Count in missing bucket = %d, %v", n, err)
		}
		var r2 role
		if ok, err := other.Get("admin", &r2); ok || err != nil {
			t.Errorf("Get in missing bucket = %v, %v", ok, err)
		}
		if err := other.Delete("x"); err != nil {
			t.Errorf("Delete in missing bucket: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUpdateRollsBack(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	committed := 0
	boom := errors.New("boom")
	err := db.Update(func(tx *store.Tx) error {
		tx.OnCommit(func() { committed++ })
		if err := tx.Bucket("a", "b").Put("k", "v"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update err = %v", err)
	}
	if committed != 0 {
		t.Error("OnCommit ran for a rolled back transaction")
	}
	_ = db.View(func(tx *store.Tx) error {
		if tx.Bucket("a", "b").Has("k") {
			t.Error("write of a failed transaction is visible")
		}
		return nil
	})

	order := []string{}
	mustUpdate(t, db, func(tx *store.Tx) error {
		tx.OnCommit(func() { order = append(order, "first") })
		tx.OnCommit(func() { order = append(order, "second") })
		if len(order) != 0 {
			t.Error("OnCommit ran before commit")
		}
		return tx.Bucket("a").Put("k", 1)
	})
	if !reflect.DeepEqual(order, []string{"first", "second"}) {
		t.Errorf("OnCommit order = %v", order)
	}
}

func TestScan(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	keys := []string{"a", "b/1", "b/2", "b/3", "b0", "c", "role/x", "role/y", "role/z"}
	mustUpdate(t, db, func(tx *store.Tx) error {
		b := tx.Bucket("s")
		for _, k := range keys {
			if err := b.Put(k, k); err != nil {
				return err
			}
		}
		b.Sub("b/nested").Put("inner", 1) // a nested bucket is not a key
		return nil
	})
	scan := func(prefix, after string, limit int) []string {
		var got []string
		err := db.View(func(tx *store.Tx) error {
			return tx.Bucket("s").Scan(prefix, after, func(k string, raw []byte) (bool, error) {
				if string(raw) != `"`+k+`"` {
					t.Errorf("value of %s = %s", k, raw)
				}
				got = append(got, k)
				return limit == 0 || len(got) < limit, nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	tests := []struct {
		prefix, after string
		limit         int
		want          []string
	}{
		{"", "", 0, keys},
		{"b/", "", 0, []string{"b/1", "b/2", "b/3"}},
		{"b", "", 0, []string{"b/1", "b/2", "b/3", "b0"}},
		{"b/", "b/1", 0, []string{"b/2", "b/3"}},
		{"b/", "b/15", 0, []string{"b/2", "b/3"}},
		{"b/", "b/3", 0, nil},
		{"b/", "a", 0, []string{"b/1", "b/2", "b/3"}}, // after before the prefix
		{"", "b0", 0, []string{"c", "role/x", "role/y", "role/z"}},
		{"role/", "", 2, []string{"role/x", "role/y"}},
		{"role/", "role/y", 0, []string{"role/z"}},
		{"zzz", "", 0, nil},
		{"", "zzz", 0, nil},
	}
	for _, tt := range tests {
		if got := scan(tt.prefix, tt.after, tt.limit); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Scan(%q, %q, limit %d) = %q, want %q", tt.prefix, tt.after, tt.limit, got, tt.want)
		}
	}

	// Paging with after visits every key once.
	var paged []string
	after := ""
	for {
		page := scan("", after, 2)
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		after = page[len(page)-1]
	}
	if !reflect.DeepEqual(paged, keys) {
		t.Errorf("paged = %q", paged)
	}

	stop := errors.New("stop")
	err := db.View(func(tx *store.Tx) error {
		return tx.Bucket("s").Scan("", "", func(string, []byte) (bool, error) { return true, stop })
	})
	if !errors.Is(err, stop) {
		t.Errorf("Scan did not return fn's error: %v", err)
	}
}

func TestListAndCount(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	mustUpdate(t, db, func(tx *store.Tx) error {
		b := tx.Bucket("acct", "iam", "roles")
		for _, n := range []string{"c", "a", "b"} {
			if err := b.Put(n, role{Name: n}); err != nil {
				return err
			}
		}
		return tx.Bucket("acct", "iam", "bad").Put("x", "not a role")
	})
	_ = db.View(func(tx *store.Tx) error {
		roles, err := store.List[role](tx.Bucket("acct", "iam", "roles"), "")
		if err != nil || len(roles) != 3 || roles[0].Name != "a" || roles[2].Name != "c" {
			t.Errorf("List = %+v, %v", roles, err)
		}
		if n, _ := tx.Bucket("acct", "iam", "roles").Count("b"); n != 1 {
			t.Errorf("Count(b) = %d", n)
		}
		if _, err := store.List[role](tx.Bucket("acct", "iam", "bad"), ""); err == nil || !strings.Contains(err.Error(), `decode "x"`) {
			t.Errorf("List of undecodable values: %v", err)
		}
		if _, _, err := store.Get[role](tx.Bucket("acct", "iam", "bad"), "x"); err == nil {
			t.Error("Get of an undecodable value succeeded")
		}
		return nil
	})
}

func TestDeleteAndDeleteSub(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	mustUpdate(t, db, func(tx *store.Tx) error {
		b := tx.Bucket("acct", "s3", "buckets")
		_ = b.Put("keep", 1)
		_ = b.Put("drop", 1)
		_ = b.Sub("objects-of-x").Put("k", 1)
		if err := b.Delete("drop"); err != nil {
			return err
		}
		if err := b.Delete("never-there"); err != nil {
			return err
		}
		if err := b.DeleteSub("objects-of-x"); err != nil {
			return err
		}
		return b.DeleteSub("no-such-sub")
	})
	_ = db.View(func(tx *store.Tx) error {
		b := tx.Bucket("acct", "s3", "buckets")
		if !b.Has("keep") || b.Has("drop") || b.Sub("objects-of-x").Has("k") {
			t.Error("Delete/DeleteSub")
		}
		return nil
	})
}

func TestPutUnencodable(t *testing.T) {
	db := open(t, "")
	defer db.Close()
	err := db.Update(func(tx *store.Tx) error { return tx.Bucket("a").Put("k", func() {}) })
	if err == nil || !strings.Contains(err.Error(), `encode "k"`) {
		t.Errorf("Put of a func: %v", err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	if db.Dir() != dir {
		t.Errorf("Dir = %s", db.Dir())
	}
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Bucket("acct", "iam", "roles").Put("r", role{Name: "r"}) })
	id, _, err := db.Blobs().Put(strings.NewReader("object body"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = open(t, dir)
	defer db.Close()
	_ = db.View(func(tx *store.Tx) error {
		if r, ok, err := store.Get[role](tx.Bucket("acct", "iam", "roles"), "r"); !ok || err != nil || r.Name != "r" {
			t.Errorf("after reopen: %+v %v %v", r, ok, err)
		}
		return nil
	})
	if got := readBlob(t, db, id); got != "object body" {
		t.Errorf("blob after reopen = %q", got)
	}
}

func TestTemporaryStoreRemovedAtClose(t *testing.T) {
	db := open(t, "")
	dir := db.Dir()
	if _, err := os.Stat(filepath.Join(dir, "state.db")); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("temporary state %s still there: %v", dir, err)
	}
}

func TestLockedByAnotherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 2 s lock timeout")
	}
	dir := t.TempDir()
	db := open(t, dir)
	defer db.Close()
	_, err := store.Open(store.Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "locked by another running fakeaws") {
		t.Errorf("second Open: %v", err)
	}
}

func TestReset(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir)
	defer db.Close()
	mustUpdate(t, db, func(tx *store.Tx) error {
		_ = tx.Bucket("111111111111", "iam", "roles").Put("a", 1)
		return tx.Bucket("_global", "sts-credentials").Put("ASIA", 1)
	})
	id, _, err := db.Blobs().Put(strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Reset(); err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *store.Tx) error {
		if tx.Bucket("111111111111", "iam", "roles").Has("a") || tx.Bucket("_global", "sts-credentials").Has("ASIA") {
			t.Error("data survived Reset")
		}
		return nil
	})
	if f, err := db.Blobs().Open(id); err == nil {
		f.Close()
		t.Error("blob survived Reset")
	}
	// The store still works after a reset, blobs included.
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Bucket("a").Put("k", 1) })
	if _, _, err := db.Blobs().Put(strings.NewReader("y")); err != nil {
		t.Errorf("blob after Reset: %v", err)
	}
}
