/**
 * The add/edit drive dialog: {@link io.cloudmount.app.ui.editor.DriveForm} holds the fields and the
 * validation rules (tested without a window), the controller binds the controls and runs "Test
 * connection" and secret storage off the FX thread.
 */
package io.cloudmount.app.ui.editor;
