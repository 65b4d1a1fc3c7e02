package api

import (
	"encoding/json"
	"fmt"
)

// DeepCopy returns a copy of c that shares nothing with it.
func (c *Cluster) DeepCopy() *Cluster {
	out := &Cluster{}
	mustCopy(c, out)
	return out
}

// DeepCopy returns a copy of ig that shares nothing with it.
func (ig *InstanceGroup) DeepCopy() *InstanceGroup {
	out := &InstanceGroup{}
	mustCopy(ig, out)
	return out
}

// mustCopy copies in into out through JSON, the form both always have.
func mustCopy(in, out any) {
	b, err := json.Marshal(in)
	if err == nil {
		err = json.Unmarshal(b, out)
	}
	if err != nil {
		// Only a value that cannot be JSON (a NaN put in an Object by
		// code) gets here; a spec read from a manifest never does.
		panic(fmt.Sprintf("api: deep copy of %T: %v", in, err))
	}
}
