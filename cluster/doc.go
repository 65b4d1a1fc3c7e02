// Package cluster gathers what drydock knows about a kOps cluster
// definition; the work is done in its subpackages:
//
//   - api: the kops.k8s.io/v1alpha2 Cluster and InstanceGroup types, the
//     multi-document manifest codec, and the list of fields drydock keeps
//     but does not rehearse;
//   - create: the defaulting `kops create cluster` does, from its options;
//   - validation: the checks a spec must pass before drydock acts on it;
//   - catalog: the AWS facts (regions, zones, instance types, images) the
//     other two consult.
package cluster
