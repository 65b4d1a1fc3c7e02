package statestore

import (
	"errors"
	"fmt"
)

// Sentinels that the errors of a Store match with errors.Is.
var (
	ErrNotFound      = errors.New("not found")
	ErrAlreadyExists = errors.New("already exists")
	ErrConflict      = errors.New("changed by someone else")
)

// Error is an error of a Store: a sentinel and a message saying what
// happened and what to do next.
type Error struct {
	Kind error // ErrNotFound, ErrAlreadyExists or ErrConflict
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Kind }

func newError(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

func (s *Store) clusterNotFound(name string) error {
	return newError(ErrNotFound, "cluster %q not found in state store %s; list the clusters with `drydock get clusters --state %s`",
		name, s.url, s.url)
}

func (s *Store) clusterConflict(name string) error {
	return newError(ErrConflict, "cluster %s was changed by someone else since you read it; re-read and try again", name)
}

func (s *Store) groupConflict(cluster, ig string) error {
	return newError(ErrConflict, "instance group %s of cluster %s was changed by someone else since you read it; re-read and try again", ig, cluster)
}

func (s *Store) groupNotFound(cluster, ig string) error {
	return newError(ErrNotFound, "instance group %q not found in cluster %s; list them with `drydock get ig --name %s --state %s`",
		ig, cluster, cluster, s.url)
}
