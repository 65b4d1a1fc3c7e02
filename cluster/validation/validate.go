package validation

import (
	"fmt"
	"sort"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
	"github.com/drydock-sandbox/drydock/cluster/catalog"
)

// Catalog is what validation asks about AWS.
type Catalog interface {
	// Zones returns the zones of region, false when the region is unknown.
	Zones(region string) ([]string, bool)
	// InstanceType describes an instance type, false when unknown.
	InstanceType(name string) (catalog.InstanceType, bool)
}

// The Kubernetes minor versions drydock supports: 1.MinMinor to 1.MaxMinor.
const (
	MinMinor = 30
	MaxMinor = 36
)

// Error is one problem: the object, the field's path and what is wrong.
type Error struct {
	// Object is "" for the cluster, "InstanceGroup NAME" for a group.
	Object string
	// Path is the field, "spec.subnets[2].cidr"; "" for the whole object.
	Path   string
	Detail string
}

func (e *Error) Error() string {
	s := e.Detail
	if e.Path != "" {
		s = e.Path + ": " + s
	}
	if e.Object != "" {
		s = e.Object + ": " + s
	}
	return s
}

// List is every problem found, sorted: the cluster's first, then each
// instance group's by name; within an object by path (list indices in
// numeric order), then by detail.
type List []*Error

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (l List) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Object != b.Object {
			return a.Object < b.Object
		}
		if a.Path != b.Path {
			return naturalLess(a.Path, b.Path)
		}
		return a.Detail < b.Detail
	})
}

// Validate checks the cluster and its instance groups together and
// returns nil or a List of every problem. A nil catalog means catalog.AWS().
func Validate(c *api.Cluster, groups []*api.InstanceGroup, cat Catalog) error {
	v := newValidator(c, groups, cat)
	v.checkCluster()
	v.checkCross()
	for _, ig := range groups {
		v.checkGroup(ig)
	}
	return v.result()
}

// ValidateCluster checks the cluster alone, leaving out what depends on
// its instance groups (etcd members on control-plane groups).
func ValidateCluster(c *api.Cluster, cat Catalog) error {
	v := newValidator(c, nil, cat)
	v.checkCluster()
	return v.result()
}

// ValidateInstanceGroup checks one instance group of cluster c.
func ValidateInstanceGroup(c *api.Cluster, ig *api.InstanceGroup, cat Catalog) error {
	v := newValidator(c, nil, cat)
	v.checkGroup(ig)
	return v.result()
}

func newValidator(c *api.Cluster, groups []*api.InstanceGroup, cat Catalog) *validator {
	if cat == nil {
		cat = catalog.AWS()
	}
	return &validator{cluster: c, groups: groups, crossCheck: groups != nil, catalog: cat}
}

func (v *validator) result() error {
	if len(v.errs) == 0 {
		return nil
	}
	v.errs.sort()
	return v.errs
}

type validator struct {
	cluster *api.Cluster
	groups  []*api.InstanceGroup
	// crossCheck: the groups are all there is, so references to them can
	// be checked.
	crossCheck bool
	catalog    Catalog
	object     string // of the errors being reported
	errs       List
}

func (v *validator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, &Error{Object: v.object, Path: path, Detail: fmt.Sprintf(format, args...)})
}

// naturalLess orders strings with their runs of digits compared as numbers,
// so spec.subnets[2] comes before spec.subnets[10].
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
