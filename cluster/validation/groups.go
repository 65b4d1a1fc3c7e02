package validation

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

var (
	roles      = []string{api.RoleMaster, api.RoleControlPlane, api.RoleNode, api.RoleBastion, api.RoleAPIServer}
	rootTypes  = []string{"gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"}
	tenancies  = []string{"default", "dedicated", "host"}
	groupName  = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$`)
	taintShape = regexp.MustCompile(`^[A-Za-z0-9./_-]+(=[A-Za-z0-9._-]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$`)
)

// checkCross checks what concerns the groups together.
func (v *validator) checkCross() {
	v.object = ""
	seen := map[string]bool{}
	controlPlanes := 0
	for _, ig := range v.groups {
		if ig.IsControlPlane() {
			controlPlanes++
		}
		if seen[ig.Name()] && ig.Name() != "" {
			v.object = "InstanceGroup " + ig.Name()
			v.errorf("metadata.name", "another instance group has the same name")
			v.object = ""
		}
		seen[ig.Name()] = true
	}
	if controlPlanes == 0 {
		v.errorf("instanceGroups", "no control-plane group (role Master); a cluster needs one")
	}
}

func (v *validator) checkGroup(ig *api.InstanceGroup) {
	v.object = "InstanceGroup " + ig.Name()
	switch name := ig.Name(); {
	case name == "":
		v.errorf("metadata.name", "required")
	case !groupName.MatchString(name):
		v.errorf("metadata.name", "%q is not a valid name (lower-case letters, digits, '-' and '.')", name)
	}
	if c := ig.Metadata.Labels[api.LabelCluster]; c != "" && c != v.cluster.Name() {
		v.errorf("metadata.labels["+api.LabelCluster+"]", "%s is not the cluster's name %s", c, v.cluster.Name())
	}
	s := &ig.Spec
	switch {
	case s.Role == "":
		v.errorf("spec.role", "required (%s)", join(roles))
	case !contains(roles, s.Role):
		v.errorf("spec.role", "%q is not one of %s", s.Role, join(roles))
	}
	if s.Manager != "" && s.Manager != api.ManagerCloudGroup && s.Manager != api.ManagerKarpenter {
		v.errorf("spec.manager", "%q is not one of CloudGroup, Karpenter", s.Manager)
	}
	v.checkSizes(ig)
	v.checkMachineTypes(ig)
	v.checkGroupSubnets(ig)
	if s.RootVolumeSize != nil && *s.RootVolumeSize <= 0 {
		v.errorf("spec.rootVolumeSize", "%d GiB; it must be positive", *s.RootVolumeSize)
	}
	if s.RootVolumeType != "" && !contains(rootTypes, s.RootVolumeType) {
		v.errorf("spec.rootVolumeType", "%q is not an EBS volume type (%s)", s.RootVolumeType, join(rootTypes))
	}
	if s.Tenancy != "" && !contains(tenancies, s.Tenancy) {
		v.errorf("spec.tenancy", "%q is not one of %s", s.Tenancy, join(tenancies))
	}
	if s.MaxPrice != nil {
		if p, err := strconv.ParseFloat(*s.MaxPrice, 64); err != nil || p <= 0 {
			v.errorf("spec.maxPrice", "%q is not a price in US dollars per hour, such as 0.05", *s.MaxPrice)
		}
	}
	for i, taint := range s.Taints {
		if !taintShape.MatchString(taint) {
			v.errorf(fmt.Sprintf("spec.taints[%d]", i), "%q is not KEY[=VALUE]:EFFECT (NoSchedule, PreferNoSchedule or NoExecute)", taint)
		}
	}
	v.checkRollingUpdate("spec.rollingUpdate", s.RollingUpdate)
}

func (v *validator) checkSizes(ig *api.InstanceGroup) {
	s := &ig.Spec
	if s.MinSize != nil && *s.MinSize < 0 {
		v.errorf("spec.minSize", "%d is negative", *s.MinSize)
	}
	if s.MaxSize != nil && *s.MaxSize < 0 {
		v.errorf("spec.maxSize", "%d is negative", *s.MaxSize)
	}
	if s.MinSize != nil && s.MaxSize != nil && *s.MinSize > *s.MaxSize {
		v.errorf("spec.minSize", "%d is greater than spec.maxSize %d", *s.MinSize, *s.MaxSize)
	}
}

func (v *validator) checkMachineTypes(ig *api.InstanceGroup) {
	s := &ig.Spec
	switch {
	case s.MachineType == "" && !ig.IsKarpenter():
		v.errorf("spec.machineType", "required")
	case s.MachineType != "":
		if _, ok := v.catalog.InstanceType(s.MachineType); !ok {
			v.errorf("spec.machineType", "%s is not an instance type drydock knows", s.MachineType)
		}
	}
	if p := s.MixedInstancesPolicy; p != nil {
		for i, t := range p.Instances {
			if _, ok := v.catalog.InstanceType(t); !ok {
				v.errorf(fmt.Sprintf("spec.mixedInstancesPolicy.instances[%d]", i), "%s is not an instance type drydock knows", t)
			}
		}
	}
}

func (v *validator) checkGroupSubnets(ig *api.InstanceGroup) {
	if len(ig.Spec.Subnets) == 0 {
		v.errorf("spec.subnets", "at least one subnet is required")
	}
	for i, name := range ig.Spec.Subnets {
		if v.cluster.Spec.Subnet(name) == nil {
			v.errorf(fmt.Sprintf("spec.subnets[%d]", i), "%s is not one of the cluster's spec.subnets", name)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func join(list []string) string { return strings.Join(list, ", ") }
