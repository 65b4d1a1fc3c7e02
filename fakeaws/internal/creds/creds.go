// Package creds keeps the credentials fakeaws accepts: the long-term keys
// of the configured accounts, and the temporary keys STS issues, which live
// in the store so that they survive a restart.
package creds

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/sigv4"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// bucket path of temporary credentials, keyed by access key ID.
var tempPath = []string{"_global", "sts-credentials"}

// Key is a long-term access key of an account.
type Key struct {
	AccessKey string
	Secret    string
	Account   string
}

// Store resolves access keys.
type Store struct {
	db     *store.DB
	static map[string]Key
}

// New returns a Store with the given long-term keys.
func New(db *store.DB, keys []Key) *Store {
	m := make(map[string]Key, len(keys))
	for _, k := range keys {
		m[k.AccessKey] = k
	}
	return &Store{db: db, static: m}
}

// Lookup implements sigv4.Lookup.
func (s *Store) Lookup(accessKey string) (sigv4.Credential, bool, error) {
	if k, ok := s.static[accessKey]; ok {
		return sigv4.Credential{
			AccessKey: k.AccessKey,
			Secret:    k.Secret,
			Account:   k.Account,
			ARN:       "arn:aws:iam::" + k.Account + ":root",
			UserID:    k.Account,
		}, true, nil
	}
	var c sigv4.Credential
	var ok bool
	err := s.db.View(func(tx *store.Tx) error {
		var err error
		ok, err = tx.Bucket(tempPath...).Get(accessKey, &c)
		return err
	})
	return c, ok, err
}

// PutTemporary records temporary credentials in tx.
func PutTemporary(tx *store.Tx, c sigv4.Credential) error {
	return tx.Bucket(tempPath...).Put(c.AccessKey, c)
}
