import { TestBed } from '@angular/core/testing';

import { LocalLinkWarning } from './local-link-warning';

function render(url: string | null) {
  const fixture = TestBed.createComponent(LocalLinkWarning);
  fixture.componentRef.setInput('url', url);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('LocalLinkWarning', () => {
  it('warns that phones cannot open a QR code pointing to localhost, and says what to set', () => {
    const element = render('http://localhost:3000/fresh/abc123');
    const note = element.querySelector('[role="note"]');
    expect(note?.textContent).toContain('Phones cannot open these QR codes.');
    expect(note?.textContent).toContain('http://localhost:3000');
    expect(note?.textContent).toContain('PUBLIC_URL');
    expect(note?.textContent).toContain('http://192.168.1.20:3000');
  });

  it('warns for a loopback address too', () => {
    expect(render('http://127.0.0.1/fresh/abc123').textContent).toContain('http://127.0.0.1,');
  });

  it('shows nothing when the link reaches other devices, or before there is a link', () => {
    expect(render('http://192.168.1.20:3000/fresh/abc123').textContent?.trim()).toBe('');
    expect(render('https://stock.example.com/fresh/abc123').textContent?.trim()).toBe('');
    expect(render(null).textContent?.trim()).toBe('');
  });
});
