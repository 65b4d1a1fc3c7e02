package statestore

import (
	"fmt"
	"strings"
)

// Keys of kOps' layout, relative to the store's root.
const (
	configFile    = "config"
	groupDir      = "instancegroup/"
	completedFile = "cluster-completed.spec"
	versionFile   = "kops-version.txt"
	pkiPrivateDir = "pki/private/"
	pkiIssuedDir  = "pki/issued/"
	secretsDir    = "secrets/"
)

func configKey(cluster string) string       { return cluster + "/" + configFile }
func groupKey(cluster, ig string) string    { return cluster + "/" + groupDir + ig }
func completedKey(cluster string) string    { return cluster + "/" + completedFile }
func versionKey(cluster string) string      { return cluster + "/" + versionFile }
func secretKey(cluster, name string) string { return cluster + "/" + secretsDir + name }
func privateKey(cluster, keyset string) string {
	return cluster + "/" + pkiPrivateDir + keyset + "/keyset.yaml"
}
func issuedKey(cluster, keyset string) string {
	return cluster + "/" + pkiIssuedDir + keyset + "/keyset.yaml"
}

// checkName refuses a name that cannot be one segment of a key.
func checkName(what, name string) error {
	if name == "" || strings.ContainsAny(name, "/\\") || strings.HasPrefix(name, ".") {
		return fmt.Errorf("invalid %s name %q: must be non-empty, without '/' and not start with '.'", what, name)
	}
	return nil
}
