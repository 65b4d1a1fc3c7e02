package validation

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

var volumeTypes = []string{"gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"}

func (v *validator) checkEtcd() {
	s := &v.cluster.Spec
	names := map[string]int{}
	for i, ec := range s.EtcdClusters {
		path := fmt.Sprintf("spec.etcdClusters[%d]", i)
		switch prev, dup := names[ec.Name]; {
		case ec.Name == "":
			v.errorf(path+".name", "required (main or events)")
		case dup:
			v.errorf(path+".name", "%s is already the name of spec.etcdClusters[%d]", ec.Name, prev)
		default:
			names[ec.Name] = i
		}
		if n := len(ec.Members); n == 0 || n%2 == 0 {
			v.errorf(path+".etcdMembers", "%d members; etcd needs an odd number for quorum (1, 3 or 5)", n)
		}
		members := map[string]int{}
		for j, m := range ec.Members {
			mpath := fmt.Sprintf("%s.etcdMembers[%d]", path, j)
			switch prev, dup := members[m.Name]; {
			case m.Name == "":
				v.errorf(mpath+".name", "required")
			case dup:
				v.errorf(mpath+".name", "%s is already the name of etcdMembers[%d]", m.Name, prev)
			default:
				members[m.Name] = j
			}
			if m.InstanceGroup == "" {
				v.errorf(mpath+".instanceGroup", "required: the control-plane group holding the member")
			} else if v.crossCheck && !v.isControlPlane(m.InstanceGroup) {
				v.errorf(mpath+".instanceGroup", "no control-plane instance group named %s", m.InstanceGroup)
			}
			if m.VolumeType != "" && !contains(volumeTypes, m.VolumeType) {
				v.errorf(mpath+".volumeType", "%q is not an EBS volume type (%s)", m.VolumeType, join(volumeTypes))
			}
			if m.VolumeSize != nil && *m.VolumeSize <= 0 {
				v.errorf(mpath+".volumeSize", "%d GiB; it must be positive", *m.VolumeSize)
			}
		}
	}
	if _, ok := names[api.EtcdMain]; !ok && len(s.EtcdClusters) > 0 {
		v.errorf("spec.etcdClusters", "no main cluster; kOps runs the etcd clusters main and events")
	}
	if len(s.EtcdClusters) == 0 {
		v.errorf("spec.etcdClusters", "required: the etcd clusters main and events")
	}
}

func (v *validator) isControlPlane(name string) bool {
	for _, ig := range v.groups {
		if ig.Name() == name && ig.IsControlPlane() {
			return true
		}
	}
	return false
}

// checkRollingUpdate checks maxSurge and maxUnavailable.
func (v *validator) checkRollingUpdate(path string, ru *api.RollingUpdate) {
	if ru == nil {
		return
	}
	for name, val := range map[string]*api.IntOrString{"maxSurge": ru.MaxSurge, "maxUnavailable": ru.MaxUnavailable} {
		if val == nil {
			continue
		}
		n, err := val.Scaled(100, false)
		switch {
		case err != nil:
			v.errorf(path+"."+name, "%v", err)
		case n < 0:
			v.errorf(path+"."+name, "%s is negative", val)
		case val.IsString && n > 100:
			v.errorf(path+"."+name, "%s is more than 100%%", val)
		}
	}
}
