package ec2

import (
	"encoding/xml"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// ltData is a launch template version's data as it was sent: the
// LaunchTemplateData.* parameters with that prefix removed
// (ImageId, NetworkInterface.1.DeviceIndex, ...). Kept flattened, it
// round-trips exactly, fields fakeaws does not act on included, and
// RunInstances reads it with the same parser as its own parameters,
// whose names it shares.
type ltData map[string]string

// ltTopLevel are the members of RequestLaunchTemplateData.
var ltTopLevel = setOf([]string{
	"BlockDeviceMapping", "CapacityReservationSpecification", "CpuOptions", "CreditSpecification",
	"DisableApiStop", "DisableApiTermination", "EbsOptimized", "ElasticGpuSpecification",
	"ElasticInferenceAccelerator", "EnclaveOptions", "HibernationOptions", "IamInstanceProfile", "ImageId",
	"InstanceInitiatedShutdownBehavior", "InstanceMarketOptions", "InstanceRequirements", "InstanceType",
	"KernelId", "KeyName", "LicenseSpecification", "MaintenanceOptions", "MetadataOptions", "Monitoring",
	"NetworkInterface", "NetworkPerformanceOptions", "Operator", "Placement", "PrivateDnsNameOptions",
	"RamDiskId", "SecondaryInterface", "SecurityGroupId", "SecurityGroup", "TagSpecification", "UserData",
})

// parseLTData reads LaunchTemplateData.*; a member EC2 does not know, or a
// malformed key, is InvalidParameterValue.
func parseLTData(p awsapi.Params) (ltData, error) {
	d := ltData{}
	for k, v := range p.Sub("LaunchTemplateData").Values() {
		if len(v) == 0 {
			continue
		}
		segs := strings.Split(k, ".")
		if !ltTopLevel[segs[0]] {
			return nil, awsapi.BadRequest("UnknownParameter", "The parameter LaunchTemplateData.%s is not recognized", k)
		}
		for _, seg := range segs {
			if !validSegment(seg) {
				return nil, invalidParameterValue("The parameter LaunchTemplateData.%s is not valid", k)
			}
		}
		d[k] = v[0]
	}
	return d, nil
}

// validSegment: a member name (a letter, then letters and digits) or a
// list index.
func validSegment(s string) bool {
	if s == "" {
		return false
	}
	if s[0] >= '1' && s[0] <= '9' {
		n, err := strconv.Atoi(s)
		return err == nil && n > 0 && strconv.Itoa(n) == s
	}
	for i, c := range s {
		letter := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func (d ltData) params() awsapi.Params {
	v := url.Values{}
	for k, x := range d {
		v.Set(k, x)
	}
	return awsapi.NewParams(v)
}

// overlay is d with the top-level members of o replacing d's, as
// CreateLaunchTemplateVersion applies its data to a source version.
func (d ltData) overlay(o ltData) ltData {
	top := func(k string) string { t, _, _ := strings.Cut(k, "."); return t }
	replaced := map[string]bool{}
	for k := range o {
		replaced[top(k)] = true
	}
	out := ltData{}
	for k, v := range d {
		if !replaced[top(k)] {
			out[k] = v
		}
	}
	for k, v := range o {
		out[k] = v
	}
	return out
}

// ltListNames are the response names (of the list and its members) of
// lists not named as the request's with "Set" appended and members named
// item, by parent member ("" at the top).
var ltListNames = map[[2]string][2]string{
	{"", "LicenseSpecification"}:            {"licenseSet", "item"},
	{"NetworkInterface", "SecurityGroupId"}: {"groupSet", "groupId"},
}

// ltNode is the tree of flattened keys.
type ltNode struct {
	value    string
	children map[string]*ltNode
}

func (d ltData) tree() *ltNode {
	root := &ltNode{}
	for k, v := range d {
		n := root
		for _, seg := range strings.Split(k, ".") {
			if n.children == nil {
				n.children = map[string]*ltNode{}
			}
			c := n.children[seg]
			if c == nil {
				c = &ltNode{}
				n.children[seg] = c
			}
			n = c
		}
		n.value = v
	}
	return root
}

// MarshalXML writes the data as a ResponseLaunchTemplateData.
func (d ltData) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := d.tree().encodeMembers(e, ""); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

// encodeMembers writes n's named children in name order.
func (n *ltNode) encodeMembers(e *xml.Encoder, parent string) error {
	names := make([]string, 0, len(n.children))
	for name := range n.children {
		if name[0] < '0' || name[0] > '9' {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		c := n.children[name]
		idx := c.indexes()
		switch {
		case len(idx) > 0 && len(idx) == len(c.children):
			xname, item := lowerFirst(name)+"Set", "item"
			if ln, ok := ltListNames[[2]string{parent, name}]; ok {
				xname, item = ln[0], ln[1]
			}
			if err := c.encodeList(e, xname, item, name, idx); err != nil {
				return err
			}
		default:
			if err := c.encodeValue(e, lowerFirst(name), name); err != nil {
				return err
			}
		}
	}
	return nil
}

// indexes are n's list children in numeric order.
func (n *ltNode) indexes() []int {
	var out []int
	for name := range n.children {
		if i, err := strconv.Atoi(name); err == nil {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

func (n *ltNode) encodeList(e *xml.Encoder, xname, item, name string, idx []int) error {
	start := xml.StartElement{Name: xml.Name{Local: xname}}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	for _, i := range idx {
		if err := n.children[strconv.Itoa(i)].encodeValue(e, item, name); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// encodeValue writes n as element xname: its members when it has any,
// else its value.
func (n *ltNode) encodeValue(e *xml.Encoder, xname, name string) error {
	start := xml.StartElement{Name: xml.Name{Local: xname}}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if len(n.children) > 0 {
		if err := n.encodeMembers(e, name); err != nil {
			return err
		}
	} else if err := e.EncodeToken(xml.CharData(n.value)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}
