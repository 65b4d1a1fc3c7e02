package store

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Blobs is a directory of immutable blob files (object bodies, parts),
// written through a temporary file and renamed into place, so a blob is
// either whole or absent. Blobs are referenced by ID from the store; a
// transaction that drops the last reference removes the file after commit.
type Blobs struct {
	dir   string
	fsync bool
}

func openBlobs(dir string, fsync bool) (*Blobs, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		return nil, fmt.Errorf("create blob directory: %w", err)
	}
	// Temporary files left by a crash were never acknowledged.
	tmps, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	for _, e := range tmps {
		_ = os.Remove(filepath.Join(dir, "tmp", e.Name()))
	}
	return &Blobs{dir: dir, fsync: fsync}, nil
}

func newBlobID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (b *Blobs) path(id string) string {
	if len(id) < 3 {
		return filepath.Join(b.dir, "_", id)
	}
	return filepath.Join(b.dir, id[:2], id)
}

// Writer streams one new blob to disk.
type Writer struct {
	b    *Blobs
	f    *os.File
	n    int64
	done bool
}

// Create starts a new blob.
func (b *Blobs) Create() (*Writer, error) {
	f, err := os.CreateTemp(filepath.Join(b.dir, "tmp"), "blob-")
	if err != nil {
		return nil, fmt.Errorf("create blob: %w", err)
	}
	return &Writer{b: b, f: f}, nil
}

// Write implements io.Writer.
func (w *Writer) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.n += int64(n)
	return n, err
}

// Size is the number of bytes written so far.
func (w *Writer) Size() int64 { return w.n }

// Commit makes the blob permanent and returns its ID.
func (w *Writer) Commit() (string, error) {
	if w.done {
		return "", fmt.Errorf("blob already committed or aborted")
	}
	w.done = true
	if w.b.fsync {
		if err := w.f.Sync(); err != nil {
			w.f.Close()
			os.Remove(w.f.Name())
			return "", fmt.Errorf("sync blob: %w", err)
		}
	}
	if err := w.f.Close(); err != nil {
		os.Remove(w.f.Name())
		return "", fmt.Errorf("close blob: %w", err)
	}
	id := newBlobID()
	dst := w.b.path(id)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		os.Remove(w.f.Name())
		return "", err
	}
	if err := os.Rename(w.f.Name(), dst); err != nil {
		os.Remove(w.f.Name())
		return "", fmt.Errorf("store blob: %w", err)
	}
	if w.b.fsync {
		if d, err := os.Open(filepath.Dir(dst)); err == nil {
			_ = d.Sync()
			d.Close()
		}
	}
	return id, nil
}

// Abort discards the blob.
func (w *Writer) Abort() {
	if w.done {
		return
	}
	w.done = true
	w.f.Close()
	os.Remove(w.f.Name())
}

// Put writes all of r as a new blob.
func (b *Blobs) Put(r io.Reader) (id string, size int64, err error) {
	w, err := b.Create()
	if err != nil {
		return "", 0, err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Abort()
		return "", 0, err
	}
	id, err = w.Commit()
	return id, w.Size(), err
}

// Open opens a blob for reading.
func (b *Blobs) Open(id string) (*os.File, error) {
	return os.Open(b.path(id))
}

// Remove deletes a blob; a missing blob is not an error.
func (b *Blobs) Remove(id string) {
	if id != "" {
		_ = os.Remove(b.path(id))
	}
}

// Sweep removes every blob for which live returns false. Call it at start,
// before serving, to drop blobs orphaned by a crash between writing a body
// and committing the state that referenced it.
func (b *Blobs) Sweep(live func(id string) bool) error {
	dirs, err := os.ReadDir(b.dir)
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "tmp" {
			continue
		}
		files, _ := os.ReadDir(filepath.Join(b.dir, d.Name()))
		for _, f := range files {
			if !live(f.Name()) {
				_ = os.Remove(filepath.Join(b.dir, d.Name(), f.Name()))
			}
		}
	}
	return nil
}

func (b *Blobs) removeAll() error {
	dirs, err := os.ReadDir(b.dir)
	if err != nil {
		return err
	}
	for _, d := range dirs {
		if d.Name() == "tmp" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(b.dir, d.Name())); err != nil {
			return err
		}
	}
	return nil
}
