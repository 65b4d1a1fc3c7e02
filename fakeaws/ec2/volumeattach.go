package ec2

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

func (s *Service) volumeActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateVolume":                 s.createVolume,
		"DeleteVolume":                 s.deleteVolume,
		"DescribeVolumes":              s.describeVolumes,
		"AttachVolume":                 s.attachVolume,
		"DetachVolume":                 s.detachVolume,
		"ModifyVolume":                 s.modifyVolume,
		"DescribeVolumesModifications": s.describeVolumesModifications,
	}
}

func (s *Service) attachVolume(r *awsapi.Request, p awsapi.Params) (any, error) {
	var names [3]string
	for i, n := range []string{"VolumeId", "InstanceId", "Device"} {
		v, err := required(p, n)
		if err != nil {
			return nil, err
		}
		names[i] = v
	}
	volID, instID, device := names[0], names[1], names[2]
	var v *volume
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		var err error
		if v, err = volumes.get(tx, sc, volID); err != nil {
			return err
		}
		x, err := instances.get(tx, sc, instID)
		if err != nil {
			return err
		}
		switch {
		case v.Attachment != nil:
			return awsapi.BadRequest("VolumeInUse", "%s is already attached to an instance", volID)
		case v.State != volAvailable:
			return awsapi.BadRequest("IncorrectState", "The volume '%s' is not 'available'.", volID)
		case x.gone():
			return incorrectInstanceState(x, "attach a volume to")
		case v.AZ != x.AZ:
			return awsapi.BadRequest("InvalidVolume.ZoneMismatch", "The volume '%s' is not in the same availability zone as instance '%s'", volID, instID)
		}
		for _, d := range x.Devices {
			if d.Device == device {
				return invalidParameterValue("Invalid value '%s' for unixDevice. Attachment point %s is already in use", device, device)
			}
		}
		v.State = volInUse
		v.Attachment = &volumeAttachment{InstanceID: instID, Device: device, State: attAttaching, AttachTime: sc.now}
		x.Devices = append(x.Devices, blockDevice{Device: device, VolumeID: volID, AttachTime: sc.now})
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.VolumeDelay), evVolumeAttached, volID); err != nil {
			return err
		}
		if err := instances.put(tx, sc, x); err != nil {
			return err
		}
		return volumes.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	return v.attachmentXML()[0], nil
}

func (s *Service) volumeAttached(tx *store.Tx, sc scope, id string, _ time.Time) error {
	v, ok, err := volumes.find(tx, sc, id)
	if err != nil || !ok || v.Attachment == nil || v.Attachment.State != attAttaching {
		return err
	}
	v.Attachment.State = attAttached
	return volumes.put(tx, sc, v)
}

func (s *Service) detachVolume(r *awsapi.Request, p awsapi.Params) (any, error) {
	volID, err := required(p, "VolumeId")
	if err != nil {
		return nil, err
	}
	force, err := boolParam(p, "Force", false)
	if err != nil {
		return nil, err
	}
	var out volumeAttachmentXML
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		v, err := volumes.get(tx, sc, volID)
		if err != nil {
			return err
		}
		a := v.Attachment
		if a == nil || a.State == attDetaching {
			return awsapi.BadRequest("IncorrectState", "Volume '%s' is in the '%s' state.", volID, v.State)
		}
		if id := p.Get("InstanceId"); id != "" && id != a.InstanceID {
			return awsapi.BadRequest("InvalidAttachment.NotFound", "The volume %s is not attached to instance %s", volID, id)
		}
		if d := p.Get("Device"); d != "" && d != a.Device {
			return awsapi.BadRequest("InvalidAttachment.NotFound", "The volume %s is not attached at %s", volID, d)
		}
		x, ok, err := instances.find(tx, sc, a.InstanceID)
		if err != nil {
			return err
		}
		if ok && x.RootDevice == a.Device && !force && (x.State == stateRunning || x.State == statePending) {
			return awsapi.BadRequest("IncorrectState", "Unable to detach root volume '%s' from instance '%s'", volID, x.ID)
		}
		a.State = attDetaching
		out = v.attachmentXML()[0]
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.VolumeDelay), evVolumeDetached, volID); err != nil {
			return err
		}
		return volumes.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// volumeDetached ends a detachment: the volume is available and gone
// from its instance's devices.
func (s *Service) volumeDetached(tx *store.Tx, sc scope, id string, _ time.Time) error {
	v, ok, err := volumes.find(tx, sc, id)
	if err != nil || !ok || v.Attachment == nil || v.Attachment.State != attDetaching {
		return err
	}
	if err := dropDevice(tx, sc, v.Attachment.InstanceID, id); err != nil {
		return err
	}
	v.Attachment, v.State = nil, volAvailable
	return volumes.put(tx, sc, v)
}

// dropDevice removes a volume from an instance's devices.
func dropDevice(tx *store.Tx, sc scope, instanceID, volumeID string) error {
	x, ok, err := instances.find(tx, sc, instanceID)
	if err != nil || !ok {
		return err
	}
	kept := x.Devices[:0]
	for _, d := range x.Devices {
		if d.VolumeID != volumeID {
			kept = append(kept, d)
		}
	}
	x.Devices = kept
	return instances.put(tx, sc, x)
}
