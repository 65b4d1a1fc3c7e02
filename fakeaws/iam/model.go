package iam

import (
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// IAM keeps, per account (no region):
//
//	roles               lower(role)                  → role
//	role-policies       lower(role)/POLICY           → inlinePolicy
//	role-attachments    lower(role)/POLICY-ARN       → attachment
//	instance-profiles   lower(profile)               → instanceProfile
//	role-profiles       lower(role)/lower(profile)   → lower(profile)
//
// IAM names are unique case-insensitively, so entities are keyed by their
// lower-cased name and keep the name as created. Key order is the order
// the List actions answer in, and a page's Marker is the key (less the
// parent's prefix) of its last item.
const (
	kindRoles        = "roles"
	kindRolePolicies = "role-policies"
	kindAttachments  = "role-attachments"
	kindProfiles     = "instance-profiles"
	kindRoleProfiles = "role-profiles"
)

func bucket(tx *store.Tx, account, kind string) *store.Bucket {
	return tx.Bucket(account, "iam", kind)
}

// nameKey is the store key of a named entity.
func nameKey(name string) string { return strings.ToLower(name) }

// childPrefix is the key prefix of the entries that belong to a role.
// Role names cannot contain "/", so one role's prefix never matches
// another's keys.
func childPrefix(roleName string) string { return nameKey(roleName) + "/" }

type tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type role struct {
	Name               string    `json:"name"`
	ID                 string    `json:"id"`
	Path               string    `json:"path"`
	ARN                string    `json:"arn"`
	Created            time.Time `json:"created"`
	AssumeRolePolicy   string    `json:"assumeRolePolicy"`
	Description        string    `json:"description,omitempty"`
	MaxSessionDuration int       `json:"maxSessionDuration"`
	// PermissionsBoundary is the ARN of the boundary policy, if any.
	PermissionsBoundary string `json:"permissionsBoundary,omitempty"`
	Tags                []tag  `json:"tags,omitempty"`
}

type inlinePolicy struct {
	Name     string `json:"name"`
	Document string `json:"document"`
}

type attachment struct {
	PolicyName string `json:"policyName"`
	PolicyARN  string `json:"policyArn"`
	// PolicyPath is the path in the policy's ARN, for PathPrefix.
	PolicyPath string `json:"policyPath"`
}

type instanceProfile struct {
	Name    string    `json:"name"`
	ID      string    `json:"id"`
	Path    string    `json:"path"`
	ARN     string    `json:"arn"`
	Created time.Time `json:"created"`
	// Role is the key of the profile's role; a profile holds at most one.
	Role string `json:"role,omitempty"`
	Tags []tag  `json:"tags,omitempty"`
}

// getRole reads the role name, or answers NoSuchEntity.
func getRole(tx *store.Tx, account, name string) (role, error) {
	r, ok, err := store.Get[role](bucket(tx, account, kindRoles), nameKey(name))
	if err != nil {
		return role{}, err
	}
	if !ok {
		return role{}, errNoSuchRole(name)
	}
	return r, nil
}

// getProfile reads the instance profile name, or answers NoSuchEntity.
func getProfile(tx *store.Tx, account, name string) (instanceProfile, error) {
	ip, ok, err := store.Get[instanceProfile](bucket(tx, account, kindProfiles), nameKey(name))
	if err != nil {
		return instanceProfile{}, err
	}
	if !ok {
		return instanceProfile{}, errNoSuchProfile(name)
	}
	return ip, nil
}

func putRole(tx *store.Tx, account string, r role) error {
	return bucket(tx, account, kindRoles).Put(nameKey(r.Name), r)
}

func putProfile(tx *store.Tx, account string, ip instanceProfile) error {
	return bucket(tx, account, kindProfiles).Put(nameKey(ip.Name), ip)
}
