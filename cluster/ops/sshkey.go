package ops

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/statestore"
)

// readSSHKey reads an OpenSSH public key file and returns it with its
// MD5 fingerprint (hex, no colons), the id kOps stores it under.
func readSSHKey(path string) ([]byte, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("--ssh-public-key: %w", err)
	}
	fields := strings.Fields(string(data))
	if len(fields) < 2 {
		return nil, "", fmt.Errorf("--ssh-public-key %s: not an OpenSSH public key (want \"ssh-ed25519 AAAA… comment\")", path)
	}
	blob, err := base64.StdEncoding.DecodeString(fields[1])
	if err != nil {
		return nil, "", fmt.Errorf("--ssh-public-key %s: not an OpenSSH public key: %w", path, err)
	}
	sum := md5.Sum(blob)
	return data, hex.EncodeToString(sum[:]), nil
}

// writeSSHKey stores the admin key as kOps does:
// NAME/pki/ssh/public/admin/FINGERPRINT.
func writeSSHKey(ctx context.Context, store *statestore.Store, cluster string, data []byte, id string) error {
	key := cluster + "/pki/ssh/public/admin/" + id
	if _, err := store.Backend().Put(ctx, key, data, statestore.Condition{}); err != nil {
		return fmt.Errorf("store the SSH public key at %s: %w", key, err)
	}
	return nil
}
