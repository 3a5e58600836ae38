import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { Button } from './button.tsx';
import { Toast, ToastViewport, type ToastData } from './toast.tsx';

const sample: ToastData[] = [
  { id: '1', title: 'Track uploaded', description: 'Night Drive is now processing.', tone: 'success' },
  { id: '2', title: 'New follower', description: 'Élodie started following you.' },
  { id: '3', title: 'Upload failed', description: 'The file could not be read.', tone: 'error' },
];

const meta = {
  title: 'Feedback/Toast',
  component: ToastViewport,
  args: { toasts: sample, onDismiss: fn(), dismissLabel: 'Dismiss', label: 'Notifications' },
} satisfies Meta<typeof ToastViewport>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Viewport: Story = {};
export const Empty: Story = { args: { toasts: [] } };
export const SingleToast: Story = {
  render: () => <Toast title="Saved" description="Your profile was updated." tone="success" dismissLabel="Dismiss" onDismiss={fn()} />,
};

function ToastPlayground() {
  const [toasts, setToasts] = useState<ToastData[]>([]);
  const add = () => setToasts((list) => [...list, { id: String(Date.now()), title: `Toast #${list.length + 1}`, tone: 'info' }]);
  return (
    <>
      <Button type="button" onClick={add}>Show a toast</Button>
      <ToastViewport toasts={toasts} dismissLabel="Dismiss" label="Notifications" onDismiss={(id) => setToasts((list) => list.filter((t) => t.id !== id))} />
    </>
  );
}
export const Interactive: Story = { render: () => <ToastPlayground /> };
