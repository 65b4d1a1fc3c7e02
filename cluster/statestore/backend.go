package statestore

import (
	"context"
	"errors"
)

// Backend stores objects by key, "/"-separated, relative to the store's
// root. Implementations: file:// and s3://.
type Backend interface {
	// Get returns the object and its version; ErrObjectNotFound if absent.
	Get(ctx context.Context, key string) (data []byte, version string, err error)
	// Put writes the object when cond holds (ErrPreconditionFailed if
	// not) and returns its new version.
	Put(ctx context.Context, key string, data []byte, cond Condition) (version string, err error)
	// Delete removes the object when cond holds; ErrObjectNotFound if absent.
	Delete(ctx context.Context, key string, cond Condition) error
	// List returns the keys starting with prefix, sorted.
	List(ctx context.Context, prefix string) ([]string, error)
}

// Condition makes a write conditional. The zero value is unconditional.
type Condition struct {
	IfNoneMatch bool   // only if the object does not exist (If-None-Match: *)
	IfMatch     string // only if the object's version is this one
}

// Backend errors.
var (
	ErrObjectNotFound     = errors.New("object not found")
	ErrPreconditionFailed = errors.New("precondition failed")
)

// CreateOnly is the condition of a write that must not replace an object.
var CreateOnly = Condition{IfNoneMatch: true}

// IfVersion is the condition of a write that replaces only version v.
func IfVersion(v string) Condition { return Condition{IfMatch: v} }
