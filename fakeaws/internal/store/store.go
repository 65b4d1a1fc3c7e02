package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Options configure a store.
type Options struct {
	// Dir holds the state; empty means a temporary directory that is
	// removed at Close (in-memory mode for tests).
	Dir string
	// Fsync makes every commit durable against an OS crash, not only a
	// process crash.
	Fsync bool
}

// DB is an open store.
type DB struct {
	bolt  *bolt.DB
	dir   string
	temp  bool
	blobs *Blobs
}

// Open opens (creating if needed) the store in opts.Dir.
func Open(opts Options) (*DB, error) {
	dir, temp := opts.Dir, false
	if dir == "" {
		d, err := os.MkdirTemp("", "fakeaws-")
		if err != nil {
			return nil, fmt.Errorf("create temporary state directory: %w", err)
		}
		dir, temp = d, true
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create state directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, "state.db")
	b, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:        2 * time.Second,
		NoSync:         !opts.Fsync,
		NoGrowSync:     !opts.Fsync,
		NoFreelistSync: true,
	})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open %s: the state is locked by another running fakeaws; stop it or use another --data-dir", path)
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	blobs, err := openBlobs(filepath.Join(dir, "blobs"), opts.Fsync)
	if err != nil {
		_ = b.Close()
		return nil, err
	}
	return &DB{bolt: b, dir: dir, temp: temp, blobs: blobs}, nil
}

// Dir is the directory the store lives in.
func (db *DB) Dir() string { return db.dir }

// Blobs is the store's blob directory.
func (db *DB) Blobs() *Blobs { return db.blobs }

// Close closes the store; a temporary store is removed.
func (db *DB) Close() error {
	err := db.bolt.Close()
	if db.temp {
		_ = os.RemoveAll(db.dir)
	}
	return err
}

// Update runs fn in a read-write transaction and commits it if fn returns
// nil. Functions registered with Tx.OnCommit run after the commit.
func (db *DB) Update(fn func(tx *Tx) error) error {
	var t *Tx
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		t = &Tx{tx: btx, db: db}
		return fn(t)
	})
	if err == nil && t != nil {
		for _, f := range t.onCommit {
			f()
		}
	}
	return err
}

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(tx *Tx) error) error {
	return db.bolt.View(func(btx *bolt.Tx) error {
		return fn(&Tx{tx: btx, db: db})
	})
}

// Reset removes every resource and blob: the store is as new.
func (db *DB) Reset() error {
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		var names [][]byte
		if err := btx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, append([]byte(nil), name...))
			return nil
		}); err != nil {
			return err
		}
		for _, n := range names {
			if err := btx.DeleteBucket(n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return db.blobs.removeAll()
}

// Tx is a transaction.
type Tx struct {
	tx       *bolt.Tx
	db       *DB
	onCommit []func()
}

// Writable reports whether the transaction can write.
func (t *Tx) Writable() bool { return t.tx.Writable() }

// OnCommit registers fn to run once the transaction has committed, for side
// effects outside the store such as removing a blob file.
func (t *Tx) OnCommit(fn func()) { t.onCommit = append(t.onCommit, fn) }

// Bucket returns the bucket at path (for example account, region, service,
// kind), created in a writable transaction. In a read-only transaction a
// missing bucket reads as empty.
func (t *Tx) Bucket(path ...string) *Bucket {
	if len(path) == 0 {
		panic("store: Bucket needs a path")
	}
	var b *bolt.Bucket
	if t.tx.Writable() {
		var err error
		b, err = t.tx.CreateBucketIfNotExists([]byte(path[0]))
		if err != nil {
			return &Bucket{err: err}
		}
	} else {
		b = t.tx.Bucket([]byte(path[0]))
	}
	return (&Bucket{b: b, writable: t.tx.Writable()}).Sub(path[1:]...)
}

// Bucket is a namespace of keys with JSON values.
type Bucket struct {
	b        *bolt.Bucket // nil when missing in a read-only transaction
	writable bool
	err      error
}

// Sub returns the nested bucket at path.
func (b *Bucket) Sub(path ...string) *Bucket {
	cur := b
	for _, p := range path {
		if cur.err != nil || cur.b == nil {
			return cur
		}
		var nb *bolt.Bucket
		if cur.writable {
			var err error
			nb, err = cur.b.CreateBucketIfNotExists([]byte(p))
			if err != nil {
				return &Bucket{err: err}
			}
		} else {
			nb = cur.b.Bucket([]byte(p))
		}
		cur = &Bucket{b: nb, writable: cur.writable}
	}
	return cur
}

// DeleteSub removes the nested bucket name and everything in it.
func (b *Bucket) DeleteSub(name string) error {
	if b.err != nil {
		return b.err
	}
	if b.b == nil || b.b.Bucket([]byte(name)) == nil {
		return nil
	}
	return b.b.DeleteBucket([]byte(name))
}

// GetRaw returns the raw value of key, nil when absent.
func (b *Bucket) GetRaw(key string) []byte {
	if b.b == nil {
		return nil
	}
	return b.b.Get([]byte(key))
}

// Get decodes the value of key into v and reports whether it exists.
func (b *Bucket) Get(key string, v any) (bool, error) {
	if b.err != nil {
		return false, b.err
	}
	raw := b.GetRaw(key)
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("store: decode %q: %w", key, err)
	}
	return true, nil
}

// Has reports whether key exists.
func (b *Bucket) Has(key string) bool { return b.GetRaw(key) != nil }

// Put stores v, JSON-encoded, under key.
func (b *Bucket) Put(key string, v any) error {
	if b.err != nil {
		return b.err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %q: %w", key, err)
	}
	return b.b.Put([]byte(key), raw)
}

// Delete removes key; removing a missing key is not an error.
func (b *Bucket) Delete(key string) error {
	if b.err != nil {
		return b.err
	}
	if b.b == nil {
		return nil
	}
	return b.b.Delete([]byte(key))
}

// Scan calls fn for every key that starts with prefix and sorts after
// after (all keys when after is ""), in key order, until fn returns false.
func (b *Bucket) Scan(prefix, after string, fn func(key string, raw []byte) (bool, error)) error {
	if b.err != nil {
		return b.err
	}
	if b.b == nil {
		return nil
	}
	c := b.b.Cursor()
	var k, v []byte
	if after != "" && after >= prefix {
		k, v = c.Seek([]byte(after))
		if k != nil && string(k) == after {
			k, v = c.Next()
		}
	} else {
		k, v = c.Seek([]byte(prefix))
	}
	for ; k != nil; k, v = c.Next() {
		if len(k) < len(prefix) || string(k[:len(prefix)]) != prefix {
			break
		}
		if v == nil { // a nested bucket
			continue
		}
		more, err := fn(string(k), v)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// Count returns the number of keys with prefix.
func (b *Bucket) Count(prefix string) (int, error) {
	n := 0
	err := b.Scan(prefix, "", func(string, []byte) (bool, error) { n++; return true, nil })
	return n, err
}

// Get reads key from b into a new T.
func Get[T any](b *Bucket, key string) (T, bool, error) {
	var v T
	ok, err := b.Get(key, &v)
	return v, ok, err
}

// List decodes every value under prefix, in key order.
func List[T any](b *Bucket, prefix string) ([]T, error) {
	var out []T
	err := b.Scan(prefix, "", func(k string, raw []byte) (bool, error) {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return false, fmt.Errorf("store: decode %q: %w", k, err)
		}
		out = append(out, v)
		return true, nil
	})
	return out, err
}
