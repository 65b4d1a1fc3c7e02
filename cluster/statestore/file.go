package statestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sys/unix"
)

const (
	lockFile  = ".drydock.lock"
	tmpPrefix = ".tmp-"
)

// fileBackend keeps each object in a file under dir. An object's version
// is a hash of its content. Writes and deletes hold an exclusive flock on
// dir/.drydock.lock, so conditions are checked and applied atomically
// across goroutines, Stores and processes; reads need no lock because
// every write is a rename of a complete temporary file.
type fileBackend struct {
	dir string
}

var _ Backend = (*fileBackend)(nil)

func newFileBackend(dir string) (*fileBackend, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("state store file://%s: %w", dir, err)
	}
	return &fileBackend{dir: dir}, nil
}

func (b *fileBackend) path(key string) (string, error) {
	if key == "" || strings.HasPrefix(key, "/") || strings.HasSuffix(key, "/") {
		return "", fmt.Errorf("invalid key %q", key)
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") {
			return "", fmt.Errorf("invalid key %q", key)
		}
	}
	return filepath.Join(b.dir, filepath.FromSlash(key)), nil
}

func contentVersion(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

func (b *fileBackend) Get(_ context.Context, key string) ([]byte, string, error) {
	p, err := b.path(key)
	if err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", ErrObjectNotFound
	}
	if err != nil {
		return nil, "", err
	}
	return data, contentVersion(data), nil
}

// lock takes the store's exclusive lock; the returned func releases it.
func (b *fileBackend) lock() (func(), error) {
	f, err := os.OpenFile(filepath.Join(b.dir, lockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return func() {
		_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
		_ = f.Close()
	}, nil
}

// check returns an error unless cond holds for the file at p.
func check(p string, cond Condition) error {
	if cond == (Condition{}) {
		return nil
	}
	data, err := os.ReadFile(p)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	switch {
	case cond.IfNoneMatch && exists:
		return ErrPreconditionFailed
	case cond.IfMatch != "" && !exists:
		return ErrObjectNotFound
	case cond.IfMatch != "" && contentVersion(data) != cond.IfMatch:
		return ErrPreconditionFailed
	}
	return nil
}

func (b *fileBackend) Put(_ context.Context, key string, data []byte, cond Condition) (string, error) {
	p, err := b.path(key)
	if err != nil {
		return "", err
	}
	unlock, err := b.lock()
	if err != nil {
		return "", err
	}
	defer unlock()
	if err := check(p, cond); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), tmpPrefix+"*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", err
	}
	return contentVersion(data), nil
}

func (b *fileBackend) Delete(_ context.Context, key string, cond Condition) error {
	p, err := b.path(key)
	if err != nil {
		return err
	}
	unlock, err := b.lock()
	if err != nil {
		return err
	}
	defer unlock()
	if err := check(p, cond); err != nil {
		return err
	}
	if err := os.Remove(p); errors.Is(err, fs.ErrNotExist) {
		return ErrObjectNotFound
	} else if err != nil {
		return err
	}
	// Remove the directories the object leaves empty, up to the root.
	for d := filepath.Dir(p); d != b.dir && strings.HasPrefix(d, b.dir); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			break
		}
	}
	return nil
}

func (b *fileBackend) List(_ context.Context, prefix string) ([]string, error) {
	var keys []string
	err := filepath.WalkDir(b.dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while walking
		}
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != b.dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(b.dir, p)
		if err != nil {
			return err
		}
		if key := filepath.ToSlash(rel); strings.HasPrefix(key, prefix) {
			keys = append(keys, key)
		}
		return nil
	})
	slices.Sort(keys)
	return keys, err
}
