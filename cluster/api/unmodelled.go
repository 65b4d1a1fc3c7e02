package api

import (
	"reflect"
	"sort"
)

// Unmodelled lists the fields of the cluster that drydock keeps but does
// not rehearse, once each, sorted: see UnmodelledPaths.
func (c *Cluster) Unmodelled() []string { return UnmodelledPaths(c) }

// Unmodelled lists the fields of the instance group that drydock keeps but
// does not rehearse, once each, sorted: see UnmodelledPaths.
func (ig *InstanceGroup) Unmodelled() []string { return UnmodelledPaths(ig) }

var (
	extraType      = reflect.TypeFor[Extra]()
	objectType     = reflect.TypeFor[Object]()
	networkingType = reflect.TypeFor[Networking]()
)

// UnmodelledPaths lists, sorted and once each, the paths of the fields of
// obj (a Cluster, an InstanceGroup or any part of one) that drydock keeps
// without rehearsing them:
//
//   - a member its type does not declare, at its own path
//     ("spec.karpenter", "spec.subnets[*].additionalRoutes");
//   - each member of an opaque Object ("spec.kubelet.anonymousAuth"), or
//     the Object itself when it is present but empty
//     ("spec.cloudControllerManager");
//   - each setting of the CNI provider ("spec.networking.cilium.ipam"); the
//     provider itself is modelled.
//
// List elements are written [*], so a field unmodelled in every subnet is
// listed once. The order is deterministic (sorted).
func UnmodelledPaths(obj any) []string {
	seen := map[string]bool{}
	walk("", reflect.ValueOf(obj), func(p string) { seen[p] = true })
	paths := make([]string, 0, len(seen))
	for p := range seen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

func walk(path string, v reflect.Value, add func(string)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walk(path, v.Elem(), add)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(path+"[*]", v.Index(i), add)
		}
	case reflect.Struct:
		walkStruct(path, v, add)
	}
}

func walkStruct(path string, v reflect.Value, add func(string)) {
	t := v.Type()
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if f.Type == extraType {
			for k := range fv.Interface().(Extra) {
				add(join(path, k))
			}
			continue
		}
		name, ok := jsonName(f)
		if !ok {
			continue
		}
		switch f.Type {
		case objectType:
			addObject(join(path, name), fv.Interface().(Object), add)
		case networkingType:
			for provider, settings := range fv.Interface().(Networking) {
				for k := range settings {
					add(join(path, name+"."+provider+"."+k))
				}
			}
		default:
			walk(join(path, name), fv, add)
		}
	}
}

func addObject(path string, o Object, add func(string)) {
	if o == nil {
		return
	}
	if len(o) == 0 {
		add(path)
	}
	for k := range o {
		add(path + "." + k)
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
