package autoscaling

import (
	"fmt"
	"sort"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Kinds of stored things.
const (
	kindGroups     = "groups"
	kindInstances  = "instances"  // instance ID → group name
	kindActivities = "activities" // group name \x00 seq → activity
	kindRefreshes  = "refreshes"  // group name \x00 seq → refresh
)

// maxActivities is how many activities a group keeps; older ones go.
const maxActivities = 1000

// scope is the account and region a group lives in.
type scope struct{ account, region string }

func scopeOf(r *awsapi.Request) scope { return scope{r.Account(), r.Region} }

func (sc scope) bucket(tx *store.Tx, kind string) *store.Bucket {
	return tx.Bucket(sc.account, sc.region, "autoscaling", kind)
}

func (sc scope) key() string { return sc.account + "/" + sc.region }

// scopes lists the account/region pairs that have had groups, for the
// reconciler.
func scopes(tx *store.Tx) *store.Bucket { return tx.Bucket("_global", "autoscaling", "scopes") }

func parseScope(key string) (scope, bool) {
	a, r, ok := strings.Cut(key, "/")
	return scope{a, r}, ok && a != "" && r != ""
}

// seqKey is the store key of a group's numbered item: activities and
// refreshes sort by group, then by sequence.
func seqKey(groupName string, seq int64) string {
	return fmt.Sprintf("%s\x00%016d", groupName, seq)
}

func groupPrefix(name string) string { return name + "\x00" }

func loadGroup(tx *store.Tx, sc scope, name string) (*group, bool, error) {
	var g group
	ok, err := sc.bucket(tx, kindGroups).Get(name, &g)
	if err != nil || !ok {
		return nil, ok, err
	}
	return &g, true, nil
}

// mustGroup loads a group or answers AWS's ValidationError.
func mustGroup(tx *store.Tx, sc scope, name string) (*group, error) {
	g, ok, err := loadGroup(tx, sc, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoGroup(name)
	}
	return g, nil
}

func saveGroup(tx *store.Tx, sc scope, g *group) error {
	return sc.bucket(tx, kindGroups).Put(g.Name, g)
}

// removeGroup deletes a group with its index entries, activities and
// refreshes.
func removeGroup(tx *store.Tx, sc scope, g *group) error {
	idx := sc.bucket(tx, kindInstances)
	for _, in := range g.Instances {
		if err := idx.Delete(in.ID); err != nil {
			return err
		}
	}
	for _, kind := range []string{kindActivities, kindRefreshes} {
		if err := deletePrefix(sc.bucket(tx, kind), groupPrefix(g.Name)); err != nil {
			return err
		}
	}
	return sc.bucket(tx, kindGroups).Delete(g.Name)
}

func deletePrefix(b *store.Bucket, prefix string) error {
	var keys []string
	if err := b.Scan(prefix, "", func(k string, _ []byte) (bool, error) {
		keys = append(keys, k)
		return true, nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// groupOfInstance finds the group an instance belongs to.
func groupOfInstance(tx *store.Tx, sc scope, id string) (*group, *instance, error) {
	var name string
	ok, err := sc.bucket(tx, kindInstances).Get(id, &name)
	if err != nil || !ok {
		return nil, nil, err
	}
	g, ok, err := loadGroup(tx, sc, name)
	if err != nil || !ok {
		return nil, nil, err
	}
	in := g.instance(id)
	if in == nil {
		return nil, nil, nil
	}
	return g, in, nil
}

func sortStrings(s []string) { sort.Strings(s) }

// addUnique appends the values of add missing from list.
func addUnique(list []string, add ...string) []string {
	for _, v := range add {
		found := false
		for _, w := range list {
			if w == v {
				found = true
				break
			}
		}
		if !found {
			list = append(list, v)
		}
	}
	return list
}

// without returns list less the values of drop.
func without(list []string, drop ...string) []string {
	var out []string
	for _, v := range list {
		keep := true
		for _, d := range drop {
			if v == d {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, v)
		}
	}
	return out
}

func contains(list []string, v string) bool {
	for _, w := range list {
		if w == v {
			return true
		}
	}
	return false
}
