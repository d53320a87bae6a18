// random model file (seed 0, #3), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_03 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 64, R: 1, S: 1, Y: 15, X: 24 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 4, K: 96, C: 64, R: 1, S: 1, Y: 15, X: 3 }
	}
	Layer L2 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 64, C: 3, R: 1, S: 1, Y: 39, X: 37 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 1, C: 3, R: 1, S: 1, Y: 12, X: 8 }
	}
}
