// Package store is fakeaws' persistence: an embedded transactional store
// (bbolt) for resource state, and a directory of blob files for object
// bodies. A mutating API call runs in one Update transaction that is
// committed before the response is written, so a process killed at any
// moment loses nothing it acknowledged.
package store
